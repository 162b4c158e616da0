using System.Text;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Contract.Identity;
using Hall.Sync.Downlink;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hall.Sync.Tests;

/// <summary>The checks a box runs on a configuration version before it applies anything: signature, bundle, every section.</summary>
public sealed class DownlinkValidationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-downlink-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly BoxKey _hub;

    public DownlinkValidationTests()
    {
        _hub = BoxKey.LoadOrCreate(Path.Combine(_directory, "hub-signing.pem"));
    }

    public static ConfigBundle Good(long version = 2, string boxId = "xx-town") => new(ConfigBundle.FormatVersion, version, boxId, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8)), "测试")
    {
        Catalogue = new ConfigCatalogue(
            [new("A", "公民类"), new("B", "法人类")],
            [
                new("A-SB-001", "城乡居民基本养老保险参保登记", "A", "人力资源和社会保障所", 1, 5, ConfigDecidedAt.Township, [new("居民身份证", false, null)], false, [ConfigDelivery.Window]),
                new("B-SC-001", "个体工商户设立登记", "B", "市场监督管理所", 1, 3, ConfigDecidedAt.County, [new("经营场所使用证明", true, 1)], true, [ConfigDelivery.Window, ConfigDelivery.Post]),
            ],
            [new("B-SC-001", "个体工商户设立登记(经营场所核查)", "市场监督管理所", "《市场主体登记管理条例实施细则》第二十条", 3, 30, [new("exterior", "经营场所外景及门头", "门牌号完整可见", true)], [])]),
        Calendar = new ConfigCalendar([new(new DateOnly(2026, 10, 1), ConfigCalendarDay.Holiday, "国庆节"), new(new DateOnly(2026, 10, 10), ConfigCalendarDay.Workday, "国庆节调休")]),
        Settings = new ConfigSettings(new Dictionary<string, string> { [CountySettingKeys.RectifyWorkingDays] = "10" }, [CountySettingKeys.RequireRatingBeforeNext]),
        RevokedDevices = ["kiosk-9"],
        VillagePoints = [new("v-01", "东岭村代办点", ["A-SB-001"])],
    };

    [Fact]
    public void A_good_bundle_has_no_problems()
    {
        Assert.Empty(ConfigBundleValidator.Validate(Good()));
    }

    [Fact]
    public void Every_broken_section_is_named_in_Chinese()
    {
        var good = Good();
        var broken = good with
        {
            Catalogue = new ConfigCatalogue(
                [new("A", "公民类"), new("A", "重复"), new("ab", "两个字母")],
                [good.Catalogue.Items[0] with { Category = "Z" }, good.Catalogue.Items[1] with { CommittedDays = 9 }, good.Catalogue.Items[0] with { Code = "A-X", DecidedAt = "village", Delivery = ["drone"] }],
                [good.Catalogue.InspectionRules[0] with { Checkpoints = [] }]),
            Calendar = new ConfigCalendar([new(new DateOnly(2026, 10, 9), ConfigCalendarDay.Workday, "周五"), new(new DateOnly(2026, 10, 9), ConfigCalendarDay.Holiday, "重复")]),
            Settings = new ConfigSettings(new Dictionary<string, string> { [CountySettingKeys.RectifyWorkingDays] = "0", ["Queue:Unknown"] = "1" }, []),
            VillagePoints = [new("v-01", "东岭村代办点", ["NOPE"])],
        };

        var problems = ConfigBundleValidator.Validate(broken);
        string[] expected =
        [
            "业务类别 A:重复", "字母须为一个大写英文字母", "所属类别「Z」不在业务类别中", "承诺时限须为 1 个工作日到法定时限", "办理层级须为", "送达方式须为",
            "至少需要一个踏勘要点", "调休上班日须为周六或周日", "日期重复", "须为 1 到 60 之间的整数", "县级不能下发此项设置", "事项 NOPE 不在事项目录中",
        ];
        foreach (var fragment in expected)
        {
            Assert.Contains(problems, p => p.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length + 1, problems.Count);
    }

    [Fact]
    public void A_shortfall_material_needs_a_supplement_deadline_within_the_committed_limit()
    {
        var good = Good();
        var bundle = good with
        {
            Catalogue = good.Catalogue with { Items = [good.Catalogue.Items[0], good.Catalogue.Items[1] with { Materials = [new("经营场所使用证明", true, null), new("身份证", false, 2)] }] },
        };
        var problems = ConfigBundleValidator.Validate(bundle);
        Assert.Contains(problems, p => p.Contains("容缺材料「经营场所使用证明」的补交期限", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("不允许容缺,不应设补交期限", StringComparison.Ordinal));
    }

    [Fact]
    public void The_box_takes_only_a_bundle_the_hub_signed_for_it_unchanged()
    {
        var applier = new ConfigApplier(null!, [], "xx-town", _hub.PublicKey, NullLogger<ConfigApplier>.Instance);
        var offer = Offer(Good());
        Assert.NotNull(applier.Check(offer).Bundle);

        // Changed on the way, signed by someone else, or made for another hall: refused before it is read.
        Assert.Equal(DownlinkErrorCodes.BadSignature, applier.Check(offer with { Bundle = offer.Bundle.Replace("公民类", "居民类", StringComparison.Ordinal) }).Code);
        using var other = BoxKey.LoadOrCreate(Path.Combine(_directory, "other.pem"));
        Assert.Equal(DownlinkErrorCodes.BadSignature, applier.Check(Offer(Good(), other)).Code);
        Assert.Equal(DownlinkErrorCodes.BadSignature, applier.Check(Offer(Good(boxId: "yy-town"), boxId: "yy-town")).Code);
        Assert.Equal(DownlinkErrorCodes.BadSignature, applier.Check(offer with { Version = 3 }).Code);

        // Signed by the hub but not this hall's bundle, or unreadable.
        Assert.Equal(DownlinkErrorCodes.BadBundle, applier.Check(Offer(Good(boxId: "yy-town"))).Code);
        Assert.Equal(DownlinkErrorCodes.BadBundle, applier.Check(OfferText("{not json", 2)).Code);

        // A box with no hub key set applies nothing.
        var unset = new ConfigApplier(null!, [], "xx-town", null, NullLogger<ConfigApplier>.Instance);
        Assert.Equal(DownlinkErrorCodes.BadSignature, unset.Check(offer).Code);
    }

    [Fact]
    public void A_signed_but_invalid_catalogue_is_refused_with_its_problems()
    {
        var applier = new ConfigApplier(null!, [], "xx-town", _hub.PublicKey, NullLogger<ConfigApplier>.Instance);
        var good = Good();
        var (bundle, code, message) = applier.Check(Offer(good with { Catalogue = good.Catalogue with { Categories = [new("A", "公民类")] } }));
        Assert.Null(bundle);
        Assert.Equal(DownlinkErrorCodes.Invalid, code);
        Assert.Contains("事项 B-SC-001:所属类别「B」不在业务类别中", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_the_county_lets_the_hall_keep_stays_local_where_the_hall_set_it()
    {
        var settings = new ConfigSettings(
            new Dictionary<string, string> { [CountySettingKeys.RectifyWorkingDays] = "10", [CountySettingKeys.RequireRatingBeforeNext] = "true" },
            [CountySettingKeys.RequireRatingBeforeNext]);

        var setHere = CountySettingsPart.Effective(settings, key => key == CountySettingKeys.RequireRatingBeforeNext || key == CountySettingKeys.RectifyWorkingDays);
        Assert.Equal(new Dictionary<string, string> { [CountySettingKeys.RectifyWorkingDays] = "10" }, setHere);

        var notSet = CountySettingsPart.Effective(settings, _ => false);
        Assert.Equal(2, notSet.Count);
    }

    public void Dispose()
    {
        _hub.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ConfigOffer Offer(ConfigBundle bundle, BoxKey? signer = null, string? boxId = null) =>
        OfferText(HallJson.SerializeToString(bundle), bundle.Version, signer, boxId ?? "xx-town");

    private ConfigOffer OfferText(string json, long version, BoxKey? signer = null, string boxId = "xx-town") =>
        new(version, json, (signer ?? _hub).Sign(ConfigSignature.SigningBytes(boxId, version, Encoding.UTF8.GetBytes(json))), (signer ?? _hub).KeyId);
}
