using System.Net;
using System.Net.Sockets;
using Hall.Contract.Settings;

namespace Hall.FirmwareHost.Box;

/// <summary>
/// Before anything starts: every port the box will listen on is tried, so a port another program holds stops the box
/// with one line naming its setting, not a stack trace from deep in the broker or Kestrel.
/// </summary>
public static class PortCheck
{
    /// <summary>The listeners the box opens: address, port and the setting that names the port.</summary>
    public static IReadOnlyList<(string Address, int Port, string Setting)> Listeners(BoxOptions box)
    {
        ArgumentNullException.ThrowIfNull(box);
        List<(string, int, string)> listeners =
        [
            (box.BindAddress, box.HttpsPort, "Box:HttpsPort"),
            (box.BindAddress, box.MqttTlsPort, "Box:MqttTlsPort"),
        ];
        if (box.DeviceLanIsolated && box.DeviceLanAddress is { } lan)
        {
            listeners.Add((lan, box.HttpPort, "Box:HttpPort"));
            listeners.Add((lan, box.MqttPort, "Box:MqttPort"));
        }

        return listeners;
    }

    /// <exception cref="StartRefusedException">A port is held by another program, or the address is not this machine's.</exception>
    public static void ThrowIfBusy(BoxOptions box)
    {
        foreach (var (address, port, setting) in Listeners(box))
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

            // As Kestrel and the broker bind: a port left in TIME_WAIT by the box's own last run is free.
            probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Parse(address), port));
                probe.Listen();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartRefusedException($"盒子未启动:端口 {port}({setting},地址 {address})已被其他程序占用。请停止占用它的程序(ss -ltnp 'sport = :{port}' 可查是谁),或在设置中给 {setting} 换一个端口。", ex);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
            {
                throw new StartRefusedException($"盒子未启动:无法在地址 {address} 的端口 {port}({setting})上监听({ex.SocketErrorCode})。请确认 {(setting is "Box:HttpPort" or "Box:MqttPort" ? "Box:DeviceLanAddress" : "Box:BindAddress")} 是本机的地址,端口低于 1024 时需以有权限的用户运行。", ex);
            }
        }
    }
}
