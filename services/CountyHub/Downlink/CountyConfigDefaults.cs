using Hall.Contract.Downlink;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// The hub's first configuration version, published at its first start so every box runs a county version from its
/// first poll: the demo catalogue the boxes start with (A 公民类, B 法人类, their items and the 云踏勘 rules of the box's
/// defaults) and the 2026 holiday calendar (国务院办公厅, issued 2025-11-04). The county admin edits from there.
/// </summary>
public static class CountyConfigDefaults
{
    private static readonly string[] CommonCautions =
    [
        "请横屏拍摄,一镜到底,不要暂停、剪辑或翻拍。",
        "开启水印相机,水印须显示拍摄日期、时间和地点,且与申请的经营地址一致。",
        "光线充足,镜头稳定,每个踏勘要点停留不少于 5 秒,并在上传时标出其出现的时间。",
        "如需本人出镜,请正对镜头,露出面部。",
    ];

    public static CountyConfig First { get; } = new()
    {
        Catalogue = new ConfigCatalogue(
            [new("A", "公民类"), new("B", "法人类")],
            [
                Item("A-HJ-001", "户口迁移登记", "A", "公安派出所", 5, 20, ConfigDecidedAt.County, [new("居民户口簿", false, null), new("准迁证明", false, null)]),
                Item("A-SB-001", "城乡居民基本养老保险参保登记", "A", "人力资源和社会保障所", 1, 5, ConfigDecidedAt.Township, [new("居民身份证", false, null)]),
                Item("A-YB-001", "城乡居民基本医疗保险参保登记", "A", "医疗保障服务站", 1, 5, ConfigDecidedAt.Township, [new("居民身份证", false, null)]),
                Item("B-SC-001", "个体工商户设立登记", "B", "市场监督管理所", 1, 3, ConfigDecidedAt.Township,
                    [new("经营者身份证明", false, null), new("经营场所使用证明", true, 1)], informedCommitment: true),
                Item("B-SP-001", "食品经营许可(仅销售预包装食品除外)", "B", "市场监督管理所", 8, 10, ConfigDecidedAt.County,
                    [new("食品经营许可申请书", false, null), new("经营场所平面布局图", true, 5), new("食品安全管理制度", true, 5)]),
                Item("B-WS-001", "公共场所卫生许可(美容美发)", "B", "卫生健康办公室", 10, 20, ConfigDecidedAt.County,
                    [new("卫生许可申请表", false, null), new("从业人员健康合格证明", true, 5)], informedCommitment: true),
            ],
            [
                new("B-SP-001", "食品经营许可(仅销售预包装食品除外)", "市场监督管理所",
                    "《中华人民共和国食品安全法》第三十五条;《食品经营许可和备案管理办法》(国家市场监督管理总局令第78号)第二十条、第二十一条", 10, 60,
                    [
                        new("exterior", "经营场所外景及门头", "门头招牌、门牌号完整可见,与申请地址一致", true),
                        new("processing", "食品处理区", "加工操作间布局,生熟分开,墙面地面材料", false),
                        new("washing", "清洗消毒设施", "洗手、清洗、消毒水池及消毒设备", false),
                        new("storage", "冷藏冷冻及贮存设施", "冰箱冰柜、离地离墙的货架", false),
                        new("pest", "防蝇防鼠防虫设施", "纱窗、挡鼠板、灭蝇灯", false),
                    ],
                    CommonCautions),
                new("B-WS-001", "公共场所卫生许可(美容美发)", "卫生健康办公室",
                    "《公共场所卫生管理条例》第八条;《公共场所卫生管理条例实施细则》第二十二条、第二十三条", 20, 45,
                    [
                        new("exterior", "场所外景及门头", "门头招牌、门牌号完整可见", true),
                        new("service", "营业场所", "服务区布局、通风设施", false),
                        new("disinfection", "消毒间(区)", "工具消毒设施、消毒记录", false),
                    ],
                    CommonCautions),
                new("B-SC-001", "个体工商户设立登记(经营场所核查)", "市场监督管理所",
                    "《促进个体工商户发展条例》;《市场主体登记管理条例实施细则》第二十条", 3, 30,
                    [
                        new("exterior", "经营场所外景及门头", "门牌号完整可见,与申请地址一致", true),
                        new("interior", "经营场所内景", "场所实际用于经营,面积与申报相符", false),
                    ],
                    CommonCautions),
            ]),
        Calendar = new ConfigCalendar(Calendar2026()),
        Settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CountySettingKeys.CallbackWorkingDays] = "1",
            [CountySettingKeys.RectifyWorkingDays] = "15",
        },
        LocalAllowed = [CountySettingKeys.RequireRatingBeforeNext],
    };

    private static ConfigServiceItem Item(
        string code, string name, string category, string department, int committed, int statutory, string decidedAt,
        IReadOnlyList<ConfigMaterial> materials, bool informedCommitment = false) =>
        new(code, name, category, department, committed, statutory, decidedAt, materials, informedCommitment, [ConfigDelivery.Window, ConfigDelivery.Post]);

    private static List<ConfigCalendarDay> Calendar2026()
    {
        var days = new List<ConfigCalendarDay>();
        void Off(string name, int month, int from, int to)
        {
            for (var d = from; d <= to; d++)
            {
                days.Add(new ConfigCalendarDay(new DateOnly(2026, month, d), ConfigCalendarDay.Holiday, name));
            }
        }

        void Worked(string name, int month, int day) => days.Add(new ConfigCalendarDay(new DateOnly(2026, month, day), ConfigCalendarDay.Workday, name + "调休"));

        Off("元旦", 1, 1, 3);
        Worked("元旦", 1, 4);
        Off("春节", 2, 15, 23);
        Worked("春节", 2, 14);
        Worked("春节", 2, 28);
        Off("清明节", 4, 4, 6);
        Off("劳动节", 5, 1, 5);
        Worked("劳动节", 5, 9);
        Off("端午节", 6, 19, 21);
        Off("中秋节", 9, 25, 27);
        Off("国庆节", 10, 1, 7);
        Worked("国庆节", 9, 20);
        Worked("国庆节", 10, 10);
        return days;
    }
}
