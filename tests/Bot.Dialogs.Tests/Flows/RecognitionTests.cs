using Bot.Data.Contacts;
using Bot.Data.Contacts.OneRoster;
using Bot.Data.Devices;
using Bot.Data.Importing;
using Bot.Data.Tickets;
using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Dialogs.Tests.Flows.Replies;

namespace Bot.Dialogs.Tests.Flows;

/// <summary>People the district imported are recognised by their number, and their devices are offered on tickets.</summary>
public class RecognitionTests
{
    private const string AnasPhone = "+13125550101";
    private const string FamilyPhone = "+13125550110";

    private static readonly Texts En = Texts.For("en");
    private static readonly Texts Es = Texts.For("es");

    [Fact]
    public async Task A_known_student_is_greeted_by_first_name_in_the_language_on_record()
    {
        await using var desk = await DistrictDeskAsync(AnasPhone);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("hello")
            .AssertReply(Says(Es.GreetingFor("Ana")))
            .AssertReply(Says(Es.AskProblem))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_student_with_two_devices_picks_one_and_the_ticket_links_the_student_and_the_device()
    {
        await using var desk = await DistrictDeskAsync(AnasPhone);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("english")
            .AssertReply(Says(En.LanguageChanged))
            .Send("agent")
            .AssertReply(Says(En.ChooseCategory))
            .Send("1")
            .AssertReply(Says(En.AskStarted))
            .Send("this morning")
            .AssertReply(Says(En.AskWhere))
            .Send("school")
            .AssertReply(Says(En.ChooseDevice, "1. Dell Chromebook 3110 (MV-C-10001)", "2. Kajeet SmartSpot 2 (MV-H-30001)", $"3. {En.AnotherDevice}"))
            .Send("2")
            .AssertReply(Says("T-1001"))
            .StartTestAsync();

        var ticket = Assert.Single(await OpenTicketsAsync(desk, AnasPhone));
        var ana = await desk.Services.GetRequiredService<PeopleStore>().BySourcedIdAsync("u1", CancellationToken.None);
        var hotspot = await desk.Services.GetRequiredService<DeviceStore>().FindAsync("MV-H-30001", CancellationToken.None);
        Assert.Equal((ana!.Id, hotspot!.Id, "MV-H-30001"), (ticket.PersonId, ticket.DeviceId, ticket.DeviceAssetTag));
    }

    [Fact]
    public async Task A_family_phone_asks_which_student_and_offers_that_students_device()
    {
        await using var desk = await DistrictDeskAsync(FamilyPhone);

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("hola")
            .AssertReply(Says(Es.Greeting))
            .AssertReply(Says(Es.WhichStudent, "1. Ana", "2. Beto", $"3. {Es.SomeoneElse}"))
            .Send("2")
            .AssertReply(Says(Es.AskProblem))
            .Send("agente")
            .AssertReply(Says(Es.ChooseCategory))
            .Send("1")
            .AssertReply(Says(Es.AskStarted))
            .Send("ayer")
            .AssertReply(Says(Es.AskWhere))
            .Send("casa")
            .AssertReply(Says(Es.AskZip))
            .Send("60614")
            .AssertReply(Says(Es.ConfirmDevice("Dell Chromebook 3110", "MV-C-10002")))
            .Send("sí")
            .AssertReply(Says("T-1001"))
            .StartTestAsync();

        var ticket = Assert.Single(await OpenTicketsAsync(desk, FamilyPhone));
        var beto = await desk.Services.GetRequiredService<PeopleStore>().BySourcedIdAsync("u2", CancellationToken.None);
        Assert.Equal((beto!.Id, "MV-C-10002"), (ticket.PersonId, ticket.DeviceAssetTag));
    }

    [Fact]
    public async Task Initials_only_when_the_district_says_so()
    {
        await using var desk = await DistrictDeskAsync(FamilyPhone, new() { ["People:StudentNamesToUnverifiedSenders"] = "Initials" });
        IActivity? question = null;

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("hola")
            .AssertReply(Says(Es.Greeting))
            .AssertReply(activity => question = activity)
            .StartTestAsync();

        var text = ((IMessageActivity)question!).Text;
        Assert.Contains("1. A. V.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Beto", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100002", true)]
    [InlineData("999999", false)]
    public async Task With_no_names_allowed_the_student_id_number_is_asked_and_a_wrong_one_reveals_nothing(string number, bool matches)
    {
        await using var desk = await DistrictDeskAsync(FamilyPhone, new() { ["People:StudentNamesToUnverifiedSenders"] = "None" });

        await new TestFlow(desk.Adapter, desk.Bot)
            .Send("hola")
            .AssertReply(Says(Es.Greeting))
            .AssertReply(Says(Es.AskStudentNumber))
            .Send(number)
            .AssertReply(Says(Es.AskProblem))
            .Send("agente")
            .AssertReply(Says(Es.ChooseCategory))
            .Send("1")
            .AssertReply(Says(Es.AskStarted))
            .Send("ayer")
            .AssertReply(Says(Es.AskWhere))
            .Send("escuela")
            .AssertReply(Says(matches ? Es.ConfirmDevice("Dell Chromebook 3110", "MV-C-10002") : Es.AskAssetTag))
            .StartTestAsync();
    }

    /// <summary>
    /// An SMS desk with a small district: Ana (her own phone, a Chromebook and a hotspot), her brother Beto (no phone
    /// of his own: his listed phone is their mother's, a Chromebook), Rosa their mother; the family speaks Spanish.
    /// </summary>
    private static async Task<DeskHarness> DistrictDeskAsync(string from, Dictionary<string, string?>? settings = null)
    {
        var desk = await DeskHarness.CreateAsync(channel: "sms", from: from, settings: settings);
        var folder = Directory.CreateTempSubdirectory("district-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "manifest.csv"), "propertyName,value\nfile.orgs,bulk\nfile.users,bulk\n");
            File.WriteAllText(Path.Combine(folder, "orgs.csv"), "sourcedId,name,type\ns1,Cedar Hollow High School,school\n");
            File.WriteAllText(Path.Combine(folder, "users.csv"), """
                sourcedId,role,givenName,familyName,sms,phone,orgSourcedIds,agentSourcedIds,identifier,metadata.preferredLanguage
                u1,student,Ana,Valdemora,(312) 555-0101,,s1,g1,100001,es
                u2,student,Beto,Valdemora,,312.555.0110,s1,g1,100002,es
                g1,parent,Rosa,Valdemora,+13125550110,,s1,"u1,u2",,es
                """);
            using (var source = ImportSource.Open(folder))
            {
                await desk.Services.GetRequiredService<OneRosterImporter>().ImportAsync(source, null, CancellationToken.None);
            }

            var devices = desk.Services.GetRequiredService<DeviceImporter>();
            await devices.ImportDevicesAsync(new StringReader("""
                assetTag,model,kind,status
                MV-C-10001,Dell Chromebook 3110,chromebook,loaned
                MV-H-30001,Kajeet SmartSpot 2,hotspot,loaned
                MV-C-10002,Dell Chromebook 3110,chromebook,loaned
                """), "devices.csv", null, CancellationToken.None);
            await devices.ImportLoansAsync(new StringReader("""
                assetTag,personSourcedId,checkedOut,due
                MV-C-10001,u1,2026-08-20,2027-06-04
                MV-H-30001,u1,2026-08-20,2027-06-04
                MV-C-10002,u2,2026-08-20,2027-06-04
                """), "loans.csv", null, CancellationToken.None);
            return desk;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<IReadOnlyList<Ticket>> OpenTicketsAsync(DeskHarness desk, string address) =>
        desk.Services.GetRequiredService<TicketStore>().OpenForRequesterAsync("sms", address, CancellationToken.None);
}
