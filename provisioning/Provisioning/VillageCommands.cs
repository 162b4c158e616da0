using System.CommandLine;
using Hall.Contract;

namespace Hall.Provisioning;

/// <summary><c>hallctl village add|list|remove</c>: village points (村级代办点) on the box before the county has sent its list.</summary>
public static class VillageCommands
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("village", "村级代办点:在县级中心下发名单之前先登记")
        {
            Add(context),
            List(context),
            Remove(context),
        };
    }

    private static Command Add(CliContext context)
    {
        var id = CliOptions.Text("--id", "代办点编号", helpName: "V");
        var name = CliOptions.Text("--name", "代办点名称", helpName: "NAME");
        var items = CliOptions.Text("--items", "代办的事项编码,用逗号隔开", helpName: "CODE,CODE");
        var dataDir = CliOptions.DataDir();
        var command = new Command("add", "登记(或改名)一个村级代办点;县级中心下发的名单会替换它") { id, name, items, dataDir };
        command.SetAction(result =>
        {
            var codes = result.GetValue(items)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return context.Json(BoxStore.Registry(result.Dir(dataDir), context.Time).SaveVillage(result.GetValue(id), result.GetValue(name), codes));
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var command = new Command("list", "列出本盒子的村级代办点") { dataDir };
        command.SetAction(result => context.Json(BoxStore.Registry(result.Dir(dataDir), context.Time).Villages()));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var id = CliOptions.Text("--id", "代办点编号", required: true, helpName: "V");
        var dataDir = CliOptions.DataDir();
        var command = new Command("remove", "删除一个本地登记的村级代办点") { id, dataDir };
        command.SetAction(result =>
        {
            var villageId = result.GetValue(id)!;
            return BoxStore.Registry(result.Dir(dataDir), context.Time).RemoveVillage(villageId)
                ? context.Json(new { villageId, removed = true })
                : context.Fail(ErrorCodes.UnknownVillage, $"本盒子没有编号为 {villageId} 的村级代办点(见 hallctl village list)");
        });
        return command;
    }
}
