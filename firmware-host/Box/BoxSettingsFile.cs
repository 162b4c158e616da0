using Microsoft.Extensions.Configuration.Json;

namespace Hall.FirmwareHost.Box;

/// <summary>
/// The settings file a technician's <c>hallctl box init</c> writes (<c>/etc/hall/box.json</c>, or the path in
/// <c>Box:SettingsFile</c> from the environment or command line). It is read after appsettings.json and before the
/// environment and the command line, so what a technician set on site wins over the shipped defaults and an operator's
/// override still wins over both. Absent: the box runs on appsettings.json as before.
/// </summary>
public static class BoxSettingsFile
{
    public const string DefaultPath = "/etc/hall/box.json";

    public const string Key = BoxOptions.Section + ":SettingsFile";

    public static void Add(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.GetFullPath(((IConfiguration)configuration)[Key] is { Length: > 0 } set ? set : DefaultPath);
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var afterFiles = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is Microsoft.Extensions.Configuration.FileConfigurationSource)
            {
                afterFiles = i + 1;
            }
        }

        sources.Insert(afterFiles, source);
    }
}
