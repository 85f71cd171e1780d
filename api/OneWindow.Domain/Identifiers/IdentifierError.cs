namespace OneWindow.Domain.Identifiers;

/// <summary>
/// Why a string is not a valid identifier.
/// </summary>
/// <param name="Code">The stable public error code, one of <see cref="IdentifierErrorCodes"/>: which identifier is invalid.</param>
/// <param name="Reason">The stable sub-code, one of <see cref="IdentifierErrorReasons"/>: what exactly is wrong with it.</param>
/// <param name="Message">
/// An English message for developers. The API layer localises by <paramref name="Code"/> and <paramref name="Reason"/>.
/// Messages never repeat the input: identity numbers are personal data and errors end up in logs.
/// </param>
public sealed record IdentifierError(string Code, string Reason, string Message);
