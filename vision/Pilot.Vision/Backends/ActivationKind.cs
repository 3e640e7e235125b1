namespace Pilot.Vision.Backends;

/// <summary>Pointwise nonlinearities; <c>alpha</c> is the negative slope (leaky ReLU) or the ELU scale.</summary>
public enum ActivationKind { Identity, Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh }
