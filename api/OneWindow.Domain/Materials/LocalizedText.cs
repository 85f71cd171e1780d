namespace OneWindow.Domain.Materials;

/// <summary>A text in Chinese (the default) and English (<c>Accept-Language: en</c>).</summary>
/// <param name="Zh">Chinese.</param>
/// <param name="En">English.</param>
public sealed record LocalizedText(string Zh, string En);
