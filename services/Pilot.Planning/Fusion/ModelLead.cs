namespace Pilot.Planning.Fusion;

/// <summary>
/// The driving model's lead at t = 0 (modelV2.leads[i], first point), in the message frame: x forward from the camera,
/// y positive LEFT. Standard deviations are the model's own.
/// </summary>
public readonly record struct ModelLead(
    double Prob,            // probability a lead exists, 0..1
    double X, double XStd,  // m
    double Y, double YStd,  // m, positive left
    double V, double VStd,  // absolute lead speed, m/s
    double A);              // lead acceleration, m/s²
