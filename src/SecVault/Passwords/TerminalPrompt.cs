using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>
/// The one prompt loop of both tools. A value whose typo would lock its user out (a new secret, a new value) is asked
/// twice without echo; an existing password is asked once without echo, since a typo there only fails the open. Each
/// question allows <see cref="MaxTries"/> tries: an empty, refused or mismatched answer prints a notice (never what
/// was typed) and asks that question again; end of input stops at once. Both end in a <see cref="PasswordException"/>
/// (<see cref="PasswordErrorKind.EndOfInput"/>, <see cref="PasswordErrorKind.TooManyTries"/>) before anything is written.
/// </summary>
public sealed class TerminalPrompt
{
    /// <summary>How many tries each question allows.</summary>
    public const int MaxTries = 3;

    private readonly IConsole _console;

    /// <summary>Asks on <paramref name="console"/>: prompts and notices go to its standard error.</summary>
    public TerminalPrompt(IConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <summary>
    /// Asks a visible question; the answer is trimmed and <paramref name="problem"/> gives the notice for an answer it
    /// refuses (null accepts it). The notice must not quote the answer.
    /// </summary>
    public string Ask(string prompt, Func<string, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(problem);
        return Tries(() =>
        {
            var answer = Answer(_console.ReadVisible(prompt)).Trim();
            return (answer, problem(answer));
        });
    }

    /// <summary>Asks an existing password once per try without echo; an empty answer prints <paramref name="emptyNotice"/> and asks again.</summary>
    public string AskHidden(string prompt, string emptyNotice)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(emptyNotice);
        return Tries(() =>
        {
            var answer = Answer(_console.ReadHidden(prompt));
            return (answer, answer.Length == 0 ? emptyNotice : null);
        });
    }

    /// <summary>
    /// Asks a new value twice without echo: an empty first answer prints <paramref name="emptyNotice"/>, two different
    /// answers print <paramref name="mismatchNotice"/>, and both ask again from the first prompt.
    /// </summary>
    public string AskTwice(string prompt, string againPrompt, string emptyNotice, string mismatchNotice)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(againPrompt);
        ArgumentNullException.ThrowIfNull(emptyNotice);
        ArgumentNullException.ThrowIfNull(mismatchNotice);
        return Tries(() =>
        {
            var first = Answer(_console.ReadHidden(prompt));
            if (first.Length == 0)
            {
                return (first, emptyNotice);
            }

            var second = Answer(_console.ReadHidden(againPrompt));
            return (first, string.Equals(first, second, StringComparison.Ordinal) ? null : mismatchNotice);
        });
    }

    private static string Answer(string? answer) =>
        answer ?? throw new PasswordException(PasswordErrorKind.EndOfInput, PasswordsText.PromptEndOfInput);

    private string Tries(Func<(string Answer, string? Notice)> question)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var (answer, notice) = question();
            if (notice is null)
            {
                return answer;
            }

            _console.StdErr.WriteLine(notice);
        }

        throw new PasswordException(PasswordErrorKind.TooManyTries, PasswordsText.PromptTooManyTries(MaxTries));
    }
}
