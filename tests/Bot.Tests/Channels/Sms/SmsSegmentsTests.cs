using Bot.Channels.Sms;

namespace Bot.Tests.Channels.Sms;

public class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(70, 'ñ', 1)] // ñ is in GSM-7
    [InlineData(70, 'á', 1)] // á is not: UCS-2, 70 a segment
    [InlineData(71, 'á', 2)]
    [InlineData(134, 'á', 2)]
    [InlineData(135, 'á', 3)]
    [InlineData(80, '€', 1)] // an extension character counts twice: 160 septets
    [InlineData(81, '€', 2)]
    public void Segments_are_counted_as_carriers_count_them(int length, char character, int segments) =>
        Assert.Equal(segments, SmsSegments.Count(new string(character, length)));

    [Fact]
    public void An_emoji_makes_the_whole_text_ucs2_and_counts_as_two_units()
    {
        Assert.Equal(1, SmsSegments.Count(new string('a', 68) + "👍"));
        Assert.Equal(2, SmsSegments.Count(new string('a', 69) + "👍"));
    }

    [Fact]
    public void A_long_reply_is_split_at_word_boundaries_into_parts_of_at_most_two_segments_that_join_back()
    {
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        var parts = SmsSegments.Split(words);

        Assert.True(parts.Count > 1);
        Assert.All(parts, part => Assert.InRange(SmsSegments.Count(part), 1, 2));
        Assert.Equal(words, string.Join(' ', parts));
    }
}
