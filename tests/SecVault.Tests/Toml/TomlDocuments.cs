using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

/// <summary>Reads a TOML text as the file "t.toml", for tests that state what a document reads as or which error it gets.</summary>
internal static class TomlDocuments
{
    /// <summary>The text parsed as a deployment.toml named "t.toml".</summary>
    internal static DeploymentToml Parse(string text) => DeploymentToml.Parse(Encoding.UTF8.GetBytes(text), "t.toml");

    /// <summary>Every leaf as <c>key=Kind:value</c>, in document order, joined by " | ".</summary>
    internal static string Read(string text) =>
        string.Join(" | ", Parse(text).Leaves.Select(l => $"{l.ConfigurationKey}={l.Kind}:{l.ConfigurationValue}"));

    /// <summary>The message of the error the text is refused with (the test fails when it is accepted).</summary>
    internal static string Error(string text) => Assert.Throws<TomlDocumentException>(() => Parse(text)).Message;
}
