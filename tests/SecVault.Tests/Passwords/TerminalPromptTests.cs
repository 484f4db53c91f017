using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Tests.Passwords;

public sealed class TerminalPromptTests
{
    private const string Canary = "canary-typed-7f3a";

    [Fact]
    public void Arguments_are_checked_by_name()
    {
        static TerminalPrompt Prompt() => new(new TestConsole(terminalAnswers: ["v", "v"]));

        Assert.Equal("console", Assert.Throws<ArgumentNullException>(() => new TerminalPrompt(null!)).ParamName);
        Assert.Equal("prompt", Assert.Throws<ArgumentNullException>(() => Prompt().Ask(null!, _ => null)).ParamName);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => Prompt().Ask("Q: ", null!)).ParamName);
        Assert.Equal("prompt", Assert.Throws<ArgumentNullException>(() => Prompt().AskHidden(null!, "empty.")).ParamName);
        Assert.Equal("emptyNotice", Assert.Throws<ArgumentNullException>(() => Prompt().AskHidden("P: ", null!)).ParamName);
        Assert.Equal("prompt", Assert.Throws<ArgumentNullException>(() => Prompt().AskTwice(null!, "B: ", "empty.", "differ.")).ParamName);
        Assert.Equal("againPrompt", Assert.Throws<ArgumentNullException>(() => Prompt().AskTwice("A: ", null!, "empty.", "differ.")).ParamName);
        Assert.Equal("emptyNotice", Assert.Throws<ArgumentNullException>(() => Prompt().AskTwice("A: ", "B: ", null!, "differ.")).ParamName);
        Assert.Equal("mismatchNotice", Assert.Throws<ArgumentNullException>(() => Prompt().AskTwice("A: ", "B: ", "empty.", null!)).ParamName);
    }

    [Fact]
    public void AskTwice_asks_both_questions_again_after_an_empty_answer_or_a_mismatch_and_returns_the_agreed_value()
    {
        var console = new TestConsole(terminalAnswers: ["", Canary, "other", "v", "v"]);

        var value = new TerminalPrompt(console).AskTwice("A: ", "B: ", "empty.", "differ.");

        Assert.Equal("v", value);
        Assert.Equal("A: empty.\nA: B: differ.\nA: B: ", console.ErrorText);
    }

    [Fact]
    public void AskTwice_fails_after_three_failed_tries_without_printing_what_was_typed()
    {
        var console = new TestConsole(terminalAnswers: [Canary, "x", "", Canary, "y", "unused", "unused"]);

        var ex = Assert.Throws<PasswordException>(() => new TerminalPrompt(console).AskTwice("A: ", "B: ", "empty.", "differ."));

        Assert.Equal(PasswordErrorKind.TooManyTries, ex.Kind);
        Assert.Equal("no answer was accepted after 3 tries; nothing was written", ex.Message);
        Assert.Equal("A: B: differ.\nA: empty.\nA: B: differ.\n", console.ErrorText);
        Assert.DoesNotContain(Canary, console.ErrorText + console.OutText + ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_of_input_stops_at_once_at_either_question()
    {
        var atFirst = new TestConsole(terminalAnswers: []);
        var atSecond = new TestConsole(terminalAnswers: ["v"]);
        var visible = new TestConsole(terminalAnswers: [""]);

        var first = Assert.Throws<PasswordException>(() => new TerminalPrompt(atFirst).AskTwice("A: ", "B: ", "empty.", "differ."));
        var second = Assert.Throws<PasswordException>(() => new TerminalPrompt(atSecond).AskTwice("A: ", "B: ", "empty.", "differ."));
        var asked = Assert.Throws<PasswordException>(() => new TerminalPrompt(visible).Ask("Q: ", a => a.Length == 0 ? "empty." : null));

        Assert.All(new[] { first, second, asked }, ex => Assert.Equal(PasswordErrorKind.EndOfInput, ex.Kind));
        Assert.Equal("input ended at a prompt; nothing was written", first.Message);
        Assert.Equal("A: ", atFirst.ErrorText);
        Assert.Equal("A: B: ", atSecond.ErrorText);
        Assert.Equal("Q: empty.\nQ: ", visible.ErrorText);
    }

    [Fact]
    public void Ask_trims_the_answer_and_prints_the_notice_of_each_refused_one()
    {
        var console = new TestConsole(terminalAnswers: ["bad", "  good  "]);

        var answer = new TerminalPrompt(console).Ask("Q: ", a => a == "good" ? null : "refused.");

        Assert.Equal("good", answer);
        Assert.Equal("Q: refused.\nQ: ", console.ErrorText);
    }

    [Fact]
    public void AskHidden_asks_again_after_an_empty_answer_and_fails_after_three()
    {
        var ok = new TestConsole(terminalAnswers: ["", "pw"]);
        var none = new TestConsole(terminalAnswers: ["", "", "", "never read"]);

        Assert.Equal("pw", new TerminalPrompt(ok).AskHidden("P: ", "empty."));
        var ex = Assert.Throws<PasswordException>(() => new TerminalPrompt(none).AskHidden("P: ", "empty."));

        Assert.Equal("P: empty.\nP: ", ok.ErrorText);
        Assert.Equal(PasswordErrorKind.TooManyTries, ex.Kind);
        Assert.Equal("P: empty.\nP: empty.\nP: empty.\n", none.ErrorText);
    }
}
