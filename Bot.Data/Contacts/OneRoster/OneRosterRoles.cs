namespace Bot.Data.Contacts.OneRoster;

/// <summary>The OneRoster 1.1 user roles the desk imports, in their canonical spelling.</summary>
public static class OneRosterRoles
{
    public const string Student = "student";

    private static readonly string[] All = ["student", "teacher", "parent", "guardian", "relativeOf", "administrator", "aide"];

    /// <summary>The canonical role, or null for one OneRoster 1.1 does not define.</summary>
    public static string? Canonical(string value) => All.FirstOrDefault(role => string.Equals(role, value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Someone a student's agentSourcedIds may name: they write in about the student.</summary>
    public static bool IsCaregiver(string role) => role is "parent" or "guardian" or "relativeOf";

    public static bool IsStaff(string role) => role is "teacher" or "administrator" or "aide";
}
