using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hall.Contract.Tls;

namespace Hall.FirmwareHost.Box;

/// <summary>
/// The box's certificate as its listeners use it: HTTPS and MQTT over TLS present it; the console shows its
/// fingerprint and device enrollment hands it to the device, which pins it.
/// </summary>
public sealed class BoxTls
{
    public BoxTls(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        Fingerprint = BoxCertificate.Fingerprint(certificate);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Lowercase hex SHA-256 of the certificate's DER.</summary>
    public string Fingerprint { get; }

    /// <summary>The certificate in Box:DataDirectory, made there at first start.</summary>
    public static BoxTls Load(BoxOptions box, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(box);
        var names = box.PublicNames.ToList();
        if (IPAddress.TryParse(box.BindAddress, out var bind) && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            names.Add(box.BindAddress);
        }

        return new BoxTls(BoxCertificate.LoadOrCreate(box.DataDirectory, names, time));
    }
}
