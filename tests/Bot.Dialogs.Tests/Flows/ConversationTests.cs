using Bot.Data.Conversations;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Knowledge;
using Dapper;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Dialogs.Tests.Flows.Replies;

namespace Bot.Dialogs.Tests.Flows;

/// <summary>Whole conversations through Bot Framework's TestFlow, on SQLite, with the shipped knowledge base.</summary>
public class ConversationTests
{
    private static readonly Texts En = Texts.For("en");
    private static readonly Texts Es = Texts.For("es");

    [Fact]
    public async Task A_wifi_problem_fixed_at_step_two_is_recorded_as_self_service_and_rated()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);
        IActivity? offer = null;

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("my wifi keeps disconnecting")
            .AssertReply(Says(En.Greeting))
            .AssertReply(activity => offer = activity)
            .Send("1")
            .AssertReply(Says("Step 1 of", En.DidThatFixIt))
            .Send("next")
            .AssertReply(Says("Step 2 of"))
            .Send("yes")
            .AssertReply(Says(En.GladFixed))
            .AssertReply(Says(En.AskRating))
            .Send("5")
            .AssertReply(Says(En.ThanksForRating))
            .StartTestAsync();

        var knowledge = desk.Services.GetRequiredService<KnowledgeBase>();
        var first = knowledge.Articles.Single(a => a.Language == "en" && a.Title == Choices(offer!)[0]);
        Assert.Equal("wifi", first.Topic);
        Assert.Equal(En.SomethingElse, Choices(offer!)[^1]);
        await using var connection = await desk.Database.OpenAsync(CancellationToken.None);
        var resolution = await connection.QuerySingleAsync<(string Slug, string Topic, long Rating)>(
            "SELECT article_slug, topic, rating FROM self_service_resolutions");
        Assert.Equal((first.Slug, "wifi", 5L), resolution);
    }

    [Fact]
    public async Task A_problem_not_fixed_becomes_a_ticket_with_every_field_and_the_whole_transcript()
    {
        await using var desk = await DeskHarness.CreateAsync(channel: "sms", withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("my chromebook screen is black")
            .AssertReply(Says(En.Greeting))
            .AssertReply(Says(En.OfferArticles, "1. ", "Reply 1,"))
            .Send("1")
            .AssertReply(Says("Step 1 of"))
            .Send("skip")
            .AssertReply(Says("Step 2 of"))
            .Send("back")
            .AssertReply(Says("Step 1 of"))
            .Send("no")
            .AssertReply(Says("Step 2 of"))
            .Send("no").AssertReply(_ => { })
            .Send("no").AssertReply(_ => { })
            .Send("no").AssertReply(_ => { })
            .Send("no").AssertReply(_ => { })
            .Send("no").AssertReply(_ => { })
            .Send("no").AssertReply(_ => { })
            .StartTestAsync();

        // However many steps the article has, "no" walks to its end; then the ticket questions come.
        var ticket = await FinishEscalationAsync(desk);

        Assert.Equal(("screen", "hardware", "sms", "en"), (ticket.Topic, ticket.Category, ticket.Channel, ticket.Language));
        Assert.Equal(("home", "60614", "CB-20417", "yesterday"), (ticket.LocationKind, ticket.LocationZip, ticket.DeviceAssetTag, ticket.Started));
        Assert.StartsWith("screen-chromebook", ticket.ArticleSlug, StringComparison.Ordinal);
        Assert.Equal("my chromebook screen is black", ticket.Summary);
        Assert.Equal(DeskHarness.Tuesday10am.AddDays(1), ticket.FirstResponseDueAt); // screen: 1 business day
        var transcript = await desk.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Equal("my chromebook screen is black", transcript[0].Text);
        Assert.Contains(transcript, m => m.Text == "cb-20417");
        Assert.StartsWith($"I've opened ticket {ticket.Number}. A technician will answer by 10 am tomorrow.", transcript[^1].Text, StringComparison.Ordinal);
        Assert.Equal((await desk.TranscriptAsync()).Count, transcript.Count);
    }

    [Fact]
    public async Task Nothing_matched_offers_a_person_instead_of_a_wrong_fix()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("what time does the school bus come tomorrow")
            .AssertReply(Says(En.Greeting))
            .AssertReply(Says(En.NoMatchOfferHuman))
            .Send("no")
            .AssertReply(Says(En.NoHumanThen))
            .StartTestAsync();

        Assert.Empty(await OpenTickets(desk));
    }

    [Fact]
    public async Task Status_lists_open_tickets_and_an_open_ticket_is_offered_instead_of_a_duplicate()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("status")
            .AssertReply(Says(En.NoOpenTickets))
            .Send("agent")
            .AssertReply(Says(En.ChooseCategory))
            .Send("2")
            .AssertReply(Says(En.AskStarted))
            .Send("this morning")
            .AssertReply(Says(En.AskWhere))
            .Send("school")
            .AssertReply(Says(En.AskAssetTag))
            .Send("skip")
            .AssertReply(Says("I've opened ticket T-1001"))
            .Send("status")
            .AssertReply(Says(En.OpenTicketsHeader, "T-1001: something else, new, answer expected by 9 am tomorrow"))
            .Send("the internet still doesn't work at all")
            .AssertReply(Says("You have an open ticket, T-1001"))
            .Send("1")
            .AssertReply(Says("What you write now goes to ticket T-1001"))
            .StartTestAsync();

        var ticket = Assert.Single(await OpenTickets(desk));
        Assert.Equal(("other", "network", "school", null), (ticket.Topic, ticket.Category, ticket.LocationKind, ticket.DeviceAssetTag));
        var transcript = await desk.Services.GetRequiredService<MessageStore>().TicketTranscriptAsync(ticket.Id, CancellationToken.None);
        Assert.Contains(transcript, m => m.Text == "the internet still doesn't work at all");
    }

    [Fact]
    public async Task Spanish_is_detected_from_the_first_message_and_the_person_can_switch()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("la compu de mi hijo no prende")
            .AssertReply(Says(Es.Greeting))
            .AssertReply(Says(Es.OfferArticles))
            .Send("english")
            .AssertReply(Says(En.LanguageChanged))
            .AssertReply(Says(En.OfferArticles))
            .Send("español")
            .AssertReply(Says(Es.LanguageChanged))
            .AssertReply(Says(Es.OfferArticles))
            .Send("1")
            .AssertReply(Says("Paso 1 de", Es.DidThatFixIt))
            .StartTestAsync();

        var key = $"{desk.Adapter.Conversation.ChannelId}/conversations/{desk.Adapter.Conversation.Conversation.Id}";
        var stored = (IDictionary<string, object>)(await desk.Storage.ReadAsync([key]))[key];
        Assert.Equal("es", Assert.IsType<DialogState>(stored[nameof(DialogState)]).Language);
    }

    [Fact]
    public async Task Help_mid_flow_answers_then_asks_the_same_step_again()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("no sound from my headphones")
            .AssertReply(Says(En.Greeting))
            .AssertReply(Says(En.OfferArticles))
            .Send("1")
            .AssertReply(Says("Step 1 of"))
            .Send("next")
            .AssertReply(Says("Step 2 of"))
            .Send("help")
            .AssertReply(Says(En.Help))
            .AssertReply(Says("Step 2 of"))
            .Send("fixed it!")
            .AssertReply(Says(En.GladFixed))
            .AssertReply(Says(En.AskRating))
            .Send("cancel")
            .AssertReply(Says(En.Cancelled))
            .StartTestAsync();
    }

    [Fact]
    public async Task An_answer_that_is_no_choice_is_asked_again_twice_then_a_technician_takes_over()
    {
        await using var desk = await DeskHarness.CreateAsync(withKnowledge: true);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("my laptop won't charge")
            .AssertReply(Says(En.Greeting))
            .AssertReply(Says(En.OfferArticles))
            .Send("banana")
            .AssertReply(Says(En.DidNotUnderstand, En.OfferArticles))
            .Send("purple")
            .AssertReply(Says(En.DidNotUnderstand, En.OfferArticles))
            .Send("7")
            .AssertReply(Says(En.GiveUp))
            .AssertReply(Says(En.ChooseCategory))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_greeting_event_greets_once()
    {
        await using var desk = await DeskHarness.CreateAsync();
        var joined = new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount("user1", "User1")] };

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send(joined)
            .AssertReply(Says(En.Greeting, En.AskProblem))
            .Send(joined)
            .StartTestAsync();

        Assert.Empty(desk.Adapter.ActiveQueue);
    }

    private static async Task<Ticket> FinishEscalationAsync(DeskHarness desk)
    {
        // Walk to the end of whichever article was offered first, then answer the ticket questions.
        for (var i = 0; i < 8 && !(await LastBotText(desk)).Contains(En.ConfirmTopic(Topics.Get("screen").English), StringComparison.Ordinal); i++)
        {
            await desk.Adapter.SendTextToBotAsync("no", desk.Bot.OnTurnAsync, CancellationToken.None);
        }

        foreach (var answer in new[] { "yes", "yesterday", "home", "60614", "cb-20417" })
        {
            await desk.Adapter.SendTextToBotAsync(answer, desk.Bot.OnTurnAsync, CancellationToken.None);
        }

        return Assert.Single(await OpenTickets(desk));
    }

    private static async Task<string> LastBotText(DeskHarness desk) =>
        (await desk.TranscriptAsync()).Last(m => m.Direction == "out").Text ?? string.Empty;

    private static Task<IReadOnlyList<Ticket>> OpenTickets(DeskHarness desk) =>
        desk.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync(desk.Adapter.Conversation.ChannelId, desk.Adapter.Conversation.User.Id, CancellationToken.None);
}
