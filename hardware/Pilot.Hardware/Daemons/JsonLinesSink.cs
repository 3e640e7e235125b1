using System.Text.Json;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Imu;

namespace Pilot.Hardware.Daemons;

/// <summary>
/// Writes each reading as one JSON object per line ({"type":"imu",...}), the daemons' output until they publish on
/// pub/sub. Unknown values (NaN) are written as null. Thread-safe; one writer and buffer, reused.
/// </summary>
public sealed class JsonLinesSink : IReadingSink, IDisposable
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly Lock _gate = new();
    private readonly int _imuEvery;
    private long _imuCount;

    /// <param name="imuEvery">Print every n-th IMU reading (1 = all); the others are still counted.</param>
    public JsonLinesSink(Stream output, int imuEvery = 1)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false });
        _imuEvery = Math.Max(1, imuEvery);
    }

    public long ImuCount => Interlocked.Read(ref _imuCount);

    public void OnImu(in ImuReading r)
    {
        if (Interlocked.Increment(ref _imuCount) % _imuEvery != 0) return;
        lock (_gate)
        {
            Begin("imu", r.MonoTimeNs);
            Vector("accelerationMps2", r.AccelerationMps2);
            Vector("angularRateRadps", r.AngularRateRadps);
            Number("temperatureC", r.TemperatureC);
            End();
        }
    }

    public void OnGnss(in GnssFix f)
    {
        lock (_gate)
        {
            Begin("gnss", f.MonoTimeNs);
            _json.WriteNumber("unixTimeMs", f.UnixTimeMs);
            _json.WriteString("mode", f.Mode.ToString());
            _json.WriteString("status", f.Status.ToString());
            _json.WriteString("source", f.Source.ToString());
            Number("latitudeDeg", f.LatitudeDeg);
            Number("longitudeDeg", f.LongitudeDeg);
            Number("altitudeMslM", f.AltitudeMslM);
            Number("speedMps", f.SpeedMps);
            Number("bearingDeg", f.BearingDeg);
            Number("horizontalAccuracyM", f.HorizontalAccuracyM);
            Number("verticalAccuracyM", f.VerticalAccuracyM);
            Number("speedAccuracyMps", f.SpeedAccuracyMps);
            _json.WriteNumber("satellitesUsed", f.SatellitesUsed);
            _json.WriteNumber("satellitesInView", f.SatellitesInView);
            Number("hdop", f.Hdop);
            Number("pdop", f.Pdop);
            End();
        }
    }

    public void OnSensorStatus(SensorStatus s)
    {
        lock (_gate)
        {
            Begin("sensorStatus", s.MonoTimeNs);
            Presence("imu", s.Imu);
            Presence("gnss", s.Gnss);
            End();
        }
    }

    public void OnDeviceState(DeviceState s)
    {
        lock (_gate)
        {
            Begin("deviceState", s.MonoTimeNs);
            var h = s.Health;
            _json.WriteString("profile", s.Profile);
            _json.WriteString("model", s.Model);
            _json.WriteString("thermal", h.Thermal.ToString());
            _json.WriteBoolean("mayDrive", s.MayDrive);
            if (s.IgnitionOn is bool on) _json.WriteBoolean("ignitionOn", on); else _json.WriteNull("ignitionOn");
            Number("maxTempC", h.MaxTempC);
            Number("maxCpuTempC", h.MaxCpuTempC);
            Number("maxGpuTempC", h.MaxGpuTempC);
            Number("cpuUsagePercent", h.CpuUsagePercent);
            _json.WriteNumber("cpuCores", h.CpuCores);
            Number("memoryUsedPercent", h.Memory?.UsedPercent ?? double.NaN);
            Number("diskFreePercent", h.Disk?.FreePercent ?? double.NaN);
            if (h.Disk is { } d) _json.WriteNumber("diskFreeBytes", d.FreeBytes); else _json.WriteNull("diskFreeBytes");
            _json.WriteStartArray("temperatures");
            foreach (var t in h.Temperatures)
            {
                _json.WriteStartObject();
                _json.WriteString("name", t.Name);
                _json.WriteString("type", t.Type);
                Number("c", t.TemperatureC);
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
            _json.WriteStartArray("powerSupplies");
            foreach (var p in h.PowerSupplies)
            {
                _json.WriteStartObject();
                _json.WriteString("name", p.Name);
                _json.WriteString("type", p.Type);
                Number("voltageV", p.VoltageV);
                Number("currentA", p.CurrentA);
                Number("powerW", p.PowerW);
                Number("capacityPercent", p.CapacityPercent);
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
            _json.WriteStartArray("missing");
            foreach (string m in s.Missing) _json.WriteStringValue(m);
            _json.WriteEndArray();
            End();
        }
    }

    public void Dispose() => _json.Dispose();

    private void Begin(string type, long monoTimeNs)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteNumber("logMonoTime", monoTimeNs);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _output.WriteByte((byte)'\n');
        _output.Flush();
    }

    private void Number(string name, double value)
    {
        if (double.IsFinite(value)) _json.WriteNumber(name, value);
        else _json.WriteNull(name);
    }

    private void Vector(string name, System.Numerics.Vector3 v)
    {
        _json.WriteStartArray(name);
        _json.WriteNumberValue(v.X);
        _json.WriteNumberValue(v.Y);
        _json.WriteNumberValue(v.Z);
        _json.WriteEndArray();
    }

    private void Presence(string name, SensorPresence p)
    {
        _json.WriteStartObject(name);
        _json.WriteBoolean("present", p.Present);
        _json.WriteString("detail", p.Detail);
        _json.WriteEndObject();
    }
}
