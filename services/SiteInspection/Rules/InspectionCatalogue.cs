namespace Hall.SiteInspection.Rules;

/// <summary>
/// The inspection rules the box starts with, until the county hub pushes its catalogue. Drawn from the published
/// on-site verification points of the items townships most often inspect by video.
/// </summary>
public static class InspectionCatalogue
{
    private static readonly string[] CommonCautions =
    [
        "请横屏拍摄,一镜到底,不要暂停、剪辑或翻拍。",
        "开启水印相机,水印须显示拍摄日期、时间和地点,且与申请的经营地址一致。",
        "光线充足,镜头稳定,每个踏勘要点停留不少于 5 秒,并在上传时标出其出现的时间。",
        "如需本人出镜,请正对镜头,露出面部。",
    ];

    public static IReadOnlyList<InspectionRule> Defaults { get; } =
    [
        new()
        {
            ItemCode = "B-SP-001",
            ItemName = "食品经营许可(仅销售预包装食品除外)",
            Department = "市场监督管理所",
            LegalBasis = "《中华人民共和国食品安全法》第三十五条;《食品经营许可和备案管理办法》(国家市场监督管理总局令第78号)第二十条、第二十一条",
            StatutoryDays = 10,
            MinimumDuration = TimeSpan.FromSeconds(60),
            Checkpoints =
            [
                new("exterior", "经营场所外景及门头", "门头招牌、门牌号完整可见,与申请地址一致", PersonRequired: true),
                new("processing", "食品处理区", "加工操作间布局,生熟分开,墙面地面材料"),
                new("washing", "清洗消毒设施", "洗手、清洗、消毒水池及消毒设备"),
                new("storage", "冷藏冷冻及贮存设施", "冰箱冰柜、离地离墙的货架"),
                new("pest", "防蝇防鼠防虫设施", "纱窗、挡鼠板、灭蝇灯"),
            ],
            Cautions = CommonCautions,
        },
        new()
        {
            ItemCode = "B-WS-001",
            ItemName = "公共场所卫生许可(美容美发)",
            Department = "卫生健康办公室",
            LegalBasis = "《公共场所卫生管理条例》第八条;《公共场所卫生管理条例实施细则》第二十二条、第二十三条",
            StatutoryDays = 20,
            MinimumDuration = TimeSpan.FromSeconds(45),
            Checkpoints =
            [
                new("exterior", "场所外景及门头", "门头招牌、门牌号完整可见", PersonRequired: true),
                new("service", "营业场所", "服务区布局、通风设施"),
                new("disinfection", "消毒间(区)", "工具消毒设施、消毒记录"),
            ],
            Cautions = CommonCautions,
        },
        new()
        {
            ItemCode = "B-SC-001",
            ItemName = "个体工商户设立登记(经营场所核查)",
            Department = "市场监督管理所",
            LegalBasis = "《促进个体工商户发展条例》;《市场主体登记管理条例实施细则》第二十条",
            StatutoryDays = 3,
            MinimumDuration = TimeSpan.FromSeconds(30),
            Checkpoints =
            [
                new("exterior", "经营场所外景及门头", "门牌号完整可见,与申请地址一致", PersonRequired: true),
                new("interior", "经营场所内景", "场所实际用于经营,面积与申报相符"),
            ],
            Cautions = CommonCautions,
        },
    ];
}
