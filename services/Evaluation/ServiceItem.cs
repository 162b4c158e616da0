namespace Hall.Evaluation;

/// <summary>A catalogue item (事项) as ratings report it upward: code, name, department, category.</summary>
public sealed record ServiceItem(string Code, string Name, string Department, string Category);
