using System.Text;

namespace OneWindow.Domain;

/// <summary>Reads the data files embedded in this assembly (see the csproj).</summary>
internal static class EmbeddedData
{
    public static string ReadText(string name)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded data file {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
