namespace Bot.Dialogs.Engine;

/// <summary>Words that work anywhere in a conversation, whatever is being asked.</summary>
public enum Command
{
    Help,
    Menu,
    Agent,
    Status,
    Cancel,
    English,
    Spanish,
}

public static class Commands
{
    private static readonly Dictionary<string, Command> Words = new(StringComparer.Ordinal)
    {
        ["help"] = Command.Help,
        ["ayuda"] = Command.Help,
        ["menu"] = Command.Menu,
        ["agent"] = Command.Agent,
        ["agente"] = Command.Agent,
        ["human"] = Command.Agent,
        ["humano"] = Command.Agent,
        ["person"] = Command.Agent,
        ["persona"] = Command.Agent,
        ["technician"] = Command.Agent,
        ["tecnico"] = Command.Agent,
        ["talk to a person"] = Command.Agent,
        ["hablar con una persona"] = Command.Agent,
        ["status"] = Command.Status,
        ["estado"] = Command.Status,
        ["my tickets"] = Command.Status,
        ["mis tickets"] = Command.Status,
        ["cancel"] = Command.Cancel,
        ["cancelar"] = Command.Cancel,
        ["english"] = Command.English,
        ["ingles"] = Command.English,
        ["espanol"] = Command.Spanish,
        ["spanish"] = Command.Spanish,
    };

    /// <summary>A command only when the whole message is the command word, so "help my wifi" is still a problem.</summary>
    public static bool TryParse(string text, out Command command) =>
        Words.TryGetValue(PromptParser.Normalize(text), out command);
}
