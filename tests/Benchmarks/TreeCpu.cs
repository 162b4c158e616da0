namespace Hall.Benchmarks;

/// <summary>CPU seconds used so far by a process (<see cref="Own"/>) and by its children, live and reaped.</summary>
internal readonly record struct TreeCpu(double Own, double Children, int ChildrenAlive)
{
    public double Total => Own + Children;

    public static TreeCpu operator -(TreeCpu end, TreeCpu start) => new(end.Own - start.Own, end.Children - start.Children, end.ChildrenAlive);

    public TreeCpu Subtract(TreeCpu start) => this - start;
}
