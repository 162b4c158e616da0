using System.CommandLine;
using Hall.Staff;

namespace Hall.Provisioning;

/// <summary><c>hallctl staff add|password|list</c>: staff accounts on the box (the directory checks ids, PINs and passwords).</summary>
public static class StaffCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("staff", "工作人员:新增、设密码、列出、解锁")
        {
            Add(context),
            Password(context),
            List(context),
            Unlock(context),
        };
    }

    private static Command Add(CliContext context)
    {
        var id = CliOptions.Text("--id", "工号", helpName: "ID");
        var name = CliOptions.Text("--name", "姓名", helpName: "NAME");
        var role = CliOptions.Text("--role", "staff 窗口人员、duty-manager 值班长、admin 管理员", helpName: "staff|duty-manager|admin");
        var pin = CliOptions.Text("--pin", "窗口签到用的 PIN", helpName: "PIN");
        var password = CliOptions.Text("--password", "管理页登录密码", helpName: "PW");
        var dataDir = CliOptions.DataDir();
        var command = new Command("add", "新增一名工作人员") { id, name, role, pin, password, dataDir };
        command.SetAction(result => context.Json(BoxStore.Staff(result.Dir(dataDir), context.Time).Add(
            new NewStaff { StaffId = result.GetValue(id), Name = result.GetValue(name), Role = result.GetValue(role), Pin = result.GetValue(pin), Password = result.GetValue(password) },
            StaffActor.Technician)));
        return command;
    }

    private static Command Password(CliContext context)
    {
        var id = CliOptions.Text("--id", "工号", helpName: "ID");
        var password = CliOptions.Text("--password", "新的管理页登录密码", helpName: "PW");
        var dataDir = CliOptions.DataDir();
        var command = new Command("password", "设置管理页登录密码(如管理员忘了密码)") { id, password, dataDir };
        command.SetAction(result => context.Json(BoxStore.Staff(result.Dir(dataDir), context.Time).SetPassword(result.GetValue(id), result.GetValue(password), StaffActor.Technician)));
        return command;
    }

    private static Command List(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var command = new Command("list", "列出工作人员") { dataDir };
        command.SetAction(result => context.Json(BoxStore.Staff(result.Dir(dataDir), context.Time).List()));
        return command;
    }

    /// <summary>Lifts a sign-in lock in the store; the running box reads the stored lock on every sign-in, so it holds at once.</summary>
    private static Command Unlock(CliContext context)
    {
        var id = CliOptions.Text("--id", "工号", required: true, helpName: "ID");
        var dataDir = CliOptions.DataDir();
        var command = new Command("unlock", "解除该人员 PIN 和管理页密码的锁定(运行中的盒子下一次登录即生效)") { id, dataDir };
        command.SetAction(result => context.Json(BoxStore.Staff(result.Dir(dataDir), context.Time).Unlock(result.GetValue(id)!, StaffActor.Technician)));
        return command;
    }
}
