using GraphQL.Types;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>
/// An expected failure of a mutation, in its payload (DESIGN.md: <c>errors: [UserError!]</c>): the same code, reason
/// and field as on REST, the field as a path into the input (e.g. <c>units[3].unitCode</c>).
/// </summary>
public sealed record UserError(string Code, string Message, string? Field = null, string? Reason = null)
{
    public static UserError From(ApiError error, bool english) => new(error.Code, error.Message(english), error.Field, error.Reason);
}

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a mutation did not do what was asked: a stable code (schema/errors.md), a message in the caller's language, the input field at fault and the precise reason.";
        // Carried by payloads, whose fields state their own scope (some, like signUpPartner, are anonymous).
        this.RequireScope(ScopeMetadata.Anonymous);
        Field(e => e.Code).Description("Stable code, the same as on REST.");
        Field(e => e.Message).Description("Chinese by default, English with Accept-Language: en.");
        Field(e => e.Field, nullable: true).Description("The input field at fault, as a path, e.g. units[3].unitCode.");
        Field(e => e.Reason, nullable: true).Description("What exactly is wrong (e.g. CHECK_CHARACTER).");
    }
}
