using SecVault.Diagnostics;
using SecVault.Resolution;

namespace SecVault.Tests.Resolution;

public sealed class SecretLookupTests
{
    [Fact]
    public void Failed_with_a_message_refuses_a_null_or_empty_one()
    {
        Assert.Throws<ArgumentNullException>("message", () => SecretLookup.Failed((string)null!));
        Assert.Throws<ArgumentException>("message", () => SecretLookup.Failed(string.Empty));
    }

    [Fact]
    public void Failed_with_problems_refuses_null_and_none()
    {
        Assert.Throws<ArgumentNullException>("problems", () => SecretLookup.Failed((IEnumerable<Problem>)null!));
        var ex = Assert.Throws<ArgumentException>("problems", () => SecretLookup.Failed(Array.Empty<Problem>()));
        Assert.Equal("a failure needs at least one problem (Parameter 'problems')", ex.Message);
    }

    [Fact]
    public void Failed_with_a_message_keeps_it_and_the_hint_and_shows_only_the_status()
    {
        var lookup = SecretLookup.Failed("it broke", "fix it");

        Assert.Equal((SecretLookupStatus.Failed, (string?)null, "it broke", "fix it", 0, "Failed"), (lookup.Status, lookup.Value, lookup.Message, lookup.Hint, lookup.Problems.Count, lookup.ToString()));
    }
}
