namespace OneWindow.Domain.Identifiers;

/// <summary>
/// Thrown by the identifiers' <c>Parse</c> and <c>Create</c> methods when the text or the parts do not make a valid
/// identifier. <see cref="Error"/> says which identifier and what exactly is wrong.
/// </summary>
public sealed class IdentifierFormatException : FormatException
{
    public IdentifierFormatException(IdentifierError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error, with its stable <see cref="IdentifierError.Code"/> and <see cref="IdentifierError.Reason"/>.</summary>
    public IdentifierError Error { get; }
}
