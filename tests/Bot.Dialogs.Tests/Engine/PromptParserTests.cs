using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Tests.Engine;

public class PromptParserTests
{
    private static readonly PendingPrompt Devices = new()
    {
        Kind = PromptKind.Choice,
        Choices = [new("cb", "Chromebook won't charge"), new("win", "Windows laptop won't charge"), new("other", "Something else", ["otra cosa"])],
    };

    [Theory]
    [InlineData("1", "cb")]
    [InlineData(" 2. ", "win")]
    [InlineData("three", "other")]
    [InlineData("uno", "cb")]
    [InlineData("Something else", "other")]
    [InlineData("otra cosa", "other")]
    [InlineData("windows", "win")]
    [InlineData("the chromebook one", "cb")]
    public void A_choice_is_read_from_its_number_in_words_or_its_own_words(string text, string expected) =>
        Assert.Equal(expected, PromptParser.Parse(Devices, text)?.Choice);

    [Theory]
    [InlineData("4")]
    [InlineData("banana")]
    [InlineData("won't charge")]
    [InlineData("   ")]
    public void Anything_else_is_no_choice(string text) =>
        Assert.Null(PromptParser.Parse(Devices, text));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Sí", true)]
    [InlineData("si!", true)]
    [InlineData("yep it worked", true)]
    [InlineData("no", false)]
    [InlineData("nope", false)]
    [InlineData("no funciona", false)]
    [InlineData("1", true)]
    [InlineData("2", false)]
    public void Yes_and_no_are_read_in_both_languages_and_by_number(string text, bool expected)
    {
        var prompt = new PendingPrompt { Kind = PromptKind.YesNo, Choices = [new("yes", "Yes"), new("no", "No")] };

        Assert.Equal(expected, PromptParser.Parse(prompt, text)?.Yes);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("four", 4)]
    [InlineData("tres", 3)]
    [InlineData("⭐⭐", 2)]
    [InlineData("1 stars", 1)]
    public void A_rating_is_one_to_five(string text, int expected) =>
        Assert.Equal(expected, PromptParser.Parse(new PendingPrompt { Kind = PromptKind.Rating }, text)?.Number);

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("great")]
    public void Other_ratings_are_no_answer(string text) =>
        Assert.Null(PromptParser.Parse(new PendingPrompt { Kind = PromptKind.Rating }, text));

    [Theory]
    [InlineData("cb-20417", "CB-20417", false)]
    [InlineData("WD12345", "WD12345", false)]
    [InlineData("skip", null, true)]
    [InlineData("no sé", null, true)]
    [InlineData("I don't know", null, false)]
    public void An_asset_tag_has_letters_and_digits_or_is_skipped(string text, string? tag, bool skipped)
    {
        var answer = PromptParser.Parse(new PendingPrompt { Kind = PromptKind.AssetTag }, text);

        if (tag is null && !skipped)
        {
            Assert.Null(answer);
            return;
        }

        Assert.Equal(skipped, answer!.Skipped);
        if (!skipped)
        {
            Assert.Equal(tag, answer.Value);
        }
    }

    [Theory]
    [InlineData("60614", "60614")]
    [InlineData("606", null)]
    [InlineData("skip", "skip")]
    public void A_zip_code_is_five_digits(string text, string? expected)
    {
        var answer = PromptParser.Parse(new PendingPrompt { Kind = PromptKind.Zip }, text);

        Assert.Equal(expected, answer?.Skipped == true ? "skip" : answer?.Value);
    }

    [Theory]
    [InlineData("la compu de mi hijo no prende", "es")]
    [InlineData("¿cómo cambio la contraseña?", "es")]
    [InlineData("el wifi no agarra", "es")]
    [InlineData("my laptop won't turn on", "en")]
    [InlineData("wifi not working", "en")]
    public void Language_is_detected_from_a_short_message(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("HELP", Command.Help)]
    [InlineData("Español", Command.Spanish)]
    [InlineData("agente", Command.Agent)]
    [InlineData("menú", Command.Menu)]
    public void Commands_are_whole_messages(string text, Command expected)
    {
        Assert.True(Commands.TryParse(text, out var command));
        Assert.Equal(expected, command);
        Assert.False(Commands.TryParse($"{text} my wifi", out _));
    }
}
