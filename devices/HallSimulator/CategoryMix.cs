namespace Hall.Devices.HallSimulator;

/// <summary>Which category an arriving person needs, drawn by the categories' weights.</summary>
public sealed class CategoryMix
{
    private readonly CategoryProfile[] _categories;
    private readonly double _total;

    public CategoryMix(IReadOnlyList<CategoryProfile> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            throw new ArgumentException("Give at least one category.", nameof(categories));
        }

        foreach (var c in categories)
        {
            if (string.IsNullOrWhiteSpace(c.Category))
            {
                throw new ArgumentException("A category needs its ticket prefix (e.g. \"A\").", nameof(categories));
            }

            if (!(c.Weight >= 0) || double.IsInfinity(c.Weight))
            {
                throw new ArgumentException($"Category {c.Category}: weight must be a finite number ≥ 0.", nameof(categories));
            }
        }

        if (categories.Select(c => c.Category).Distinct(StringComparer.Ordinal).Count() != categories.Count)
        {
            throw new ArgumentException("Each category prefix may appear only once.", nameof(categories));
        }

        _total = categories.Sum(c => c.Weight);
        if (_total <= 0)
        {
            throw new ArgumentException("At least one category needs a weight above zero.", nameof(categories));
        }

        _categories = categories.ToArray();
    }

    public IReadOnlyList<CategoryProfile> Categories => _categories;

    public CategoryProfile Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = random.NextDouble() * _total;
        foreach (var c in _categories)
        {
            x -= c.Weight;
            if (x < 0)
            {
                return c;
            }
        }

        return _categories.Last(c => c.Weight > 0);
    }
}
