using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Register;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Register;

public sealed class RegisterVerificationType : ObjectGraphType<RegisterVerificationReport>
{
    public RegisterVerificationType()
    {
        Name = "RegisterVerification";
        Description = "The check of one unit or the whole register against its entries and the newest signed checkpoint.";
        this.RequireScope(Scopes.RegistryStaff);
        Field(r => r.CheckedAt);
        Field(r => r.UnitCode, nullable: true).Description("The unit checked; null: the whole register.");
        Field(r => r.UnitsChecked);
        Field(r => r.Intact).Description("True when every unit matches and the checkpoint holds.");
        Field(r => r.UnitsNotMatching, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("The code of every unit that does not match, in order.");
        Field(r => r.Problems, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RegisterUnitProblemType>>>));
        Field(r => r.RegisterProblems, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RegisterProblemType>>>))
            .Description("Problems of the checkpoint itself: signature, link to the one before, its heads not rolling up to its root.");
        Field(r => r.Checkpoint, type: typeof(RegisterCheckpointCheckType)).Description("The checkpoint checked against; null before the first.");
        Field(r => r.ElapsedMilliseconds);
    }
}

public sealed class RegisterUnitProblemType : ObjectGraphType<UnitProblem>
{
    public RegisterUnitProblemType()
    {
        Name = "RegisterUnitProblem";
        Description = "What is wrong with one unit's register: HASH_MISMATCH, BROKEN_LINK, SEQUENCE_GAP, HEAD_MISMATCH, STATE_MISMATCH, UNRECORDED, CHECKPOINT_MISMATCH or UNIT_MISSING (docs/register.md).";
        this.RequireScope(Scopes.RegistryStaff);
        Field(p => p.UnitCode);
        Field(p => p.Sequence).Description("The entry concerned; 0 when none.");
        Field(p => p.Code);
        Field(p => p.Detail);
    }
}

public sealed class RegisterProblemType : ObjectGraphType<RegisterProblem>
{
    public RegisterProblemType()
    {
        Name = "RegisterProblem";
        Description = "A problem of the checkpoint: CHECKPOINT_SIGNATURE_INVALID, CHECKPOINT_KEY_UNKNOWN, CHECKPOINT_HEADS_MISMATCH, CHECKPOINT_LINK_BROKEN or CHECKPOINT_MALFORMED.";
        this.RequireScope(Scopes.RegistryStaff);
        Field(p => p.Code);
        Field(p => p.Detail);
    }
}

public sealed class RegisterCheckpointCheckType : ObjectGraphType<CheckpointCheck>
{
    public RegisterCheckpointCheckType()
    {
        Name = "RegisterCheckpointCheck";
        this.RequireScope(Scopes.RegistryStaff);
        Field(c => c.Sequence);
        Field(c => c.TakenAt);
        Field(c => c.KeyId);
        Field(c => c.Source).Description("\"database\": the newest stored checkpoint.");
        Field(c => c.SignatureValid);
        Field(c => c.HeadsRollUp).Description("Whether the unit heads the register keeps for it roll up to its signed root.");
    }
}

public sealed class RegisterCheckpointType : ObjectGraphType<ExportedCheckpoint>
{
    public RegisterCheckpointType()
    {
        Name = "RegisterCheckpoint";
        Description = "A signed checkpoint of the whole register, as it is kept elsewhere: payload (the signed text), signature, key id and public key.";
        this.RequireScope(Scopes.RegistryStaff);
        Field(c => c.Sequence);
        Field(c => c.TakenAt);
        Field(c => c.UnitCount);
        Field(c => c.EntryCount);
        Field(c => c.Root).Description("SHA-256 over every unit's (code, entry count, head), in unit code order.");
        Field(c => c.PreviousHash).Description("SHA-256 of the previous checkpoint's payload (64 zeros for the first).");
        Field(c => c.Hash).Description("SHA-256 of this payload.");
        Field(c => c.KeyId);
        Field(c => c.Algorithm);
        Field(c => c.PublicKey).Description("PEM (SubjectPublicKeyInfo).");
        Field(c => c.Payload).Description("The exact text that was signed (UTF-8).");
        Field(c => c.Signature).Description("Base64 signature of the payload (ES256, IEEE P1363).");
    }
}
