namespace OneWindow.Domain.Identifiers;

/// <summary>The sex a resident ID number records (GB 11643: odd sequence male, even female).</summary>
public enum Sex
{
    Female,
    Male,
}
