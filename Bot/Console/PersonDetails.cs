using Bot.Channels.Sms;
using Bot.Data.Contacts;

namespace Bot.Console;

/// <summary>What the console shows about a person beside their name: schools, caregivers or students, and addresses.</summary>
public sealed record PersonDetails(IReadOnlyList<string> Schools, IReadOnlyList<Person> Relatives, IReadOnlyList<ReachableAddress> Addresses)
{
    public static async Task<PersonDetails> LoadAsync(Person person, PeopleStore people, OptOutStore optOuts, CancellationToken cancellationToken)
    {
        var schools = await people.SchoolsAsync(person.Id, cancellationToken);
        var relatives = person.IsStudent ? await people.GuardiansOfAsync(person.Id, cancellationToken) : await people.StudentsOfAsync(person.Id, cancellationToken);
        var addresses = new List<ReachableAddress>();
        foreach (var (channel, address) in await people.AddressesAsync(person.Id, cancellationToken))
        {
            addresses.Add(new(channel, address, channel == TwilioAdapter.Channel && await optOuts.IsOptedOutAsync(channel, address, cancellationToken)));
        }

        return new PersonDetails(schools, relatives, addresses);
    }

    /// <summary>The numbers the desk may text: SMS addresses that have not opted out.</summary>
    public IReadOnlyList<string> TextablePhones => [.. Addresses.Where(a => a.Channel == TwilioAdapter.Channel && !a.OptedOut).Select(a => a.Address)];
}

/// <summary>One of a person's addresses, and whether it texted STOP.</summary>
public sealed record ReachableAddress(string Channel, string Address, bool OptedOut);
