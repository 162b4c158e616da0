using Hall.Contract;
using Hall.CountyHub.Storage;
using Hall.DeviceRegistry;
using Hall.Staff;
using Hall.Store;

namespace Hall.Provisioning;

/// <summary>
/// The technician CLI. Each command is a verb path with its options; output is JSON on stdout so
/// a script or the field app can read it, errors go to stderr with an error code and exit code 2.
/// </summary>
public sealed class Cli
{
    private const string DefaultDataDirectory = "/var/lib/hall";
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;

    public Cli(TextWriter output, TextWriter error, TimeProvider time)
    {
        _out = output;
        _error = error;
        _time = time;
    }

    public static string Usage => """
        hallctl — provision a hall box and its devices

          hallctl device enroll --role kiosk|caller|display|evaluator --id ID [--counter C] [--village V] [--replace] [--note TEXT] [--data-dir DIR]
              Enrolls a device and prints its credentials once, as JSON: {"deviceId","username","password",...}.
              --village: the device stands at that village point (村级代办点) and everything it does counts for it.
          hallctl village add --id V --name NAME [--items CODE,CODE] [--data-dir DIR]
              Adds (or renames) a village point on the box before the county hub has sent its list; the county's list replaces it.
          hallctl village list [--data-dir DIR]
          hallctl village remove --id V [--data-dir DIR]
          hallctl device list [--data-dir DIR]
          hallctl device revoke --id ID [--data-dir DIR]
          hallctl staff add --id ID --name NAME --role staff|duty-manager|admin --pin PIN [--password PW] [--data-dir DIR]
          hallctl staff password --id ID --password PW [--data-dir DIR]
              Sets a sign-in password for the admin page (e.g. a forgotten admin password).
          hallctl staff list [--data-dir DIR]
          hallctl staff unlock --id ID [--data-dir DIR]
              解除该人员 PIN 和管理页密码的锁定(运行中的盒子下一次登录即生效)。
          hallctl box key [--data-dir DIR]
              Prints the box's own public key and key id, as JSON {"publicKey","keyId"}: carry it to the county hub.

        At the county hub (--data-dir is the hub's Hub:DataDirectory, default /var/lib/hall-hub; --postgres CONNSTRING
        when the hub runs on PostgreSQL, the certificate is still read from --data-dir):
          hallctl hub enroll --box ID --public-key BASE64 [--hub-url URL] [--replace] [--data-dir DIR | --postgres CONNSTRING]
              Enrolls a box (--replace: gives an enrolled box a new key) and prints what the box needs, as JSON:
              {"boxId","keyId","settings":{"Sync:HubUrl","Sync:HubCertificateSha256","Sync:HubSigningKey"}}.
          hallctl hub revoke --box ID [--data-dir DIR | --postgres CONNSTRING]
              The box's batches are refused from now on (403 sync-box-revoked).
          hallctl hub boxes [--data-dir DIR | --postgres CONNSTRING]

        --data-dir defaults to /var/lib/hall (the box's Box:DataDirectory) for device, staff and box commands.
        """;

    public int Run(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args);
        var verb = string.Join(' ', line.Verbs);
        try
        {
            return verb switch
            {
                "device enroll" => Enroll(line),
                "device list" => List(line),
                "device revoke" => Revoke(line),
                "village add" => VillageAdd(line),
                "village list" => VillageList(line),
                "village remove" => VillageRemove(line),
                "staff add" => StaffAdd(line),
                "staff password" => StaffPassword(line),
                "staff list" => StaffList(line),
                "staff unlock" => StaffUnlock(line),
                "box key" => Hub.BoxKeyOf(line),
                "hub enroll" => Hub.Enroll(line, Fail),
                "hub revoke" => Hub.Revoke(line, Fail),
                "hub boxes" => Hub.Boxes(line),
                "" or "help" => Help(0),
                _ => Fail(ErrorCodes.UnknownRequest, $"Unknown command '{verb}'.\n{Usage}"),
            };
        }
        catch (EnrollmentException ex)
        {
            return Fail(ex.Code, ex.Message);
        }
        catch (StaffException ex)
        {
            return Fail(ex.Code, ex.Message);
        }
        catch (BoxEnrollmentException ex)
        {
            return Fail(ErrorCodes.InvalidField, ex.Message);
        }
    }

    private int Enroll(CommandLine line)
    {
        var id = line.Get("id");
        var roleText = line.Get("role");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(roleText))
        {
            return Fail(ErrorCodes.MissingField, "device enroll needs --id and --role.");
        }

        if (!DeviceRegistryService.TryParseRole(roleText, out var role))
        {
            return Fail(ErrorCodes.InvalidField, $"Role '{roleText}' is not one of kiosk, caller, display, evaluator.");
        }

        var registry = OpenRegistry(line);
        var credentials = registry.Enroll(id, role, line.Get("counter"), replace: line.Has("replace"), note: line.Get("note"), village: line.Get("village"));
        _out.WriteLine(HallJson.SerializeToString(credentials));
        return 0;
    }

    private int List(CommandLine line)
    {
        _out.WriteLine(HallJson.SerializeToString(OpenRegistry(line).List()));
        return 0;
    }

    private int Revoke(CommandLine line)
    {
        var id = line.Get("id");
        if (string.IsNullOrEmpty(id))
        {
            return Fail(ErrorCodes.MissingField, "device revoke needs --id.");
        }

        if (!OpenRegistry(line).Revoke(id))
        {
            return Fail(ErrorCodes.UnknownDevice, $"No enrolled, unrevoked device '{id}'.");
        }

        _out.WriteLine(HallJson.SerializeToString(new { deviceId = id, revoked = true }));
        return 0;
    }

    private int VillageAdd(CommandLine line)
    {
        var items = line.Get("items")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _out.WriteLine(HallJson.SerializeToString(OpenRegistry(line).SaveVillage(line.Get("id"), line.Get("name"), items)));
        return 0;
    }

    private int VillageList(CommandLine line)
    {
        _out.WriteLine(HallJson.SerializeToString(OpenRegistry(line).Villages()));
        return 0;
    }

    private int VillageRemove(CommandLine line)
    {
        var id = line.Get("id");
        if (string.IsNullOrEmpty(id))
        {
            return Fail(ErrorCodes.MissingField, "village remove 需要 --id");
        }

        if (!OpenRegistry(line).RemoveVillage(id))
        {
            return Fail(ErrorCodes.UnknownVillage, $"本盒子没有编号为 {id} 的村级代办点(见 hallctl village list)");
        }

        _out.WriteLine(HallJson.SerializeToString(new { villageId = id, removed = true }));
        return 0;
    }

    private HubCommands Hub => new(_out, _time);

    private int StaffAdd(CommandLine line)
    {
        var member = OpenStaff(line).Add(
            new NewStaff { StaffId = line.Get("id"), Name = line.Get("name"), Role = line.Get("role"), Pin = line.Get("pin"), Password = line.Get("password") },
            StaffActor.Technician);
        _out.WriteLine(HallJson.SerializeToString(member));
        return 0;
    }

    private int StaffPassword(CommandLine line)
    {
        var member = OpenStaff(line).SetPassword(line.Get("id"), line.Get("password"), StaffActor.Technician);
        _out.WriteLine(HallJson.SerializeToString(member));
        return 0;
    }

    private int StaffList(CommandLine line)
    {
        _out.WriteLine(HallJson.SerializeToString(OpenStaff(line).List()));
        return 0;
    }

    /// <summary>Lifts a sign-in lock in the store; the running box reads the stored lock on every sign-in, so it holds at once.</summary>
    private int StaffUnlock(CommandLine line)
    {
        var id = line.Get("id");
        if (string.IsNullOrEmpty(id))
        {
            return Fail(ErrorCodes.MissingField, "staff unlock 需要 --id(工号)");
        }

        _out.WriteLine(HallJson.SerializeToString(OpenStaff(line).Unlock(id, StaffActor.Technician)));
        return 0;
    }

    private StaffDirectory OpenStaff(CommandLine line) =>
        StaffDirectory.OpenForTool(new HallDatabase(Path.Combine(line.Get("data-dir") ?? DefaultDataDirectory, "hall.db")), _time);

    private DeviceRegistryService OpenRegistry(CommandLine line)
    {
        var dataDirectory = line.Get("data-dir") ?? DefaultDataDirectory;
        var database = new HallDatabase(Path.Combine(dataDirectory, "hall.db"));

        // The CLI may run before the box ever has: bring the tables it needs up to date (migrations are idempotent).
        Migrator.Apply(database, new StoreMigrations().Migrations.Concat(new DeviceRegistryMigrations().Migrations), _time.GetUtcNow());
        return new DeviceRegistryService(database, _time);
    }

    private int Help(int code)
    {
        _out.WriteLine(Usage);
        return code;
    }

    private int Fail(string code, string message)
    {
        _error.WriteLine(HallJson.SerializeToString(new { error = new ErrorBody(code, message) }));
        return 2;
    }
}
