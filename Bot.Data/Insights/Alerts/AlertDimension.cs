namespace Bot.Data.Insights.Alerts;

/// <summary>
/// One way of grouping tickets with a topic: by the device's model, the school of the person it is about, or the ZIP
/// given for where the device is. Each carries the SQL that reaches its value from a ticket <c>t</c>.
/// </summary>
public sealed class AlertDimension
{
    public static readonly AlertDimension Model = new("model", "device model", "JOIN devices d ON d.id = t.device_id", "d.model", "d.model", string.Empty);

    // A person enrolled at two schools counts at both: a problem at either school shows.
    public static readonly AlertDimension School = new(
        "school", "school", "JOIN person_schools ps ON ps.person_id = t.person_id JOIN schools s ON s.id = ps.school_id", "CAST(s.id AS TEXT)", "s.name", string.Empty);

    public static readonly AlertDimension Zip = new("zip", "ZIP", string.Empty, "t.location_zip", "t.location_zip", "AND t.location_zip IS NOT NULL");

    public static readonly IReadOnlyList<AlertDimension> All = [Model, School, Zip];

    private AlertDimension(string key, string noun, string joins, string value, string label, string filter)
    {
        Key = key;
        Noun = noun;
        Joins = joins;
        Value = value;
        Label = label;
        Filter = filter;
    }

    /// <summary>What is stored in <c>alerts.dimension</c>.</summary>
    public string Key { get; }

    /// <summary>How technicians call it ("wifi tickets for device model X").</summary>
    public string Noun { get; }

    /// <summary>Joins from <c>tickets t</c> to the table that holds the value.</summary>
    public string Joins { get; }

    /// <summary>The group's value as text: the stored key of the group.</summary>
    public string Value { get; }

    /// <summary>What a technician reads for the group (a school's name rather than its id).</summary>
    public string Label { get; }

    /// <summary>Extra conditions, starting with AND, that leave out tickets without a value.</summary>
    public string Filter { get; }

    public static AlertDimension Of(string key) =>
        All.FirstOrDefault(dimension => dimension.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Not an alert dimension.");

    public override string ToString() => Key;
}
