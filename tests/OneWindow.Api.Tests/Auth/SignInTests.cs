using Microsoft.IdentityModel.JsonWebTokens;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Auth;

public sealed class SignInFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>People sign in with authorization code + PKCE; their tokens carry what their account may do.</summary>
public sealed class SignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Theory]
    [InlineData("demo-staff", "registry:staff")]
    [InlineData("demo-citizen", "properties:read")]
    [InlineData("demo-operator", "platform:admin")]
    public async Task Person_signs_in_and_gets_a_token_with_the_scopes_of_their_kind_and_a_subject_id_not_an_id_number(string userName, string scope)
    {
        var token = new JsonWebTokenHandler().ReadJsonWebToken(await PersonSignIn.TokenAsync(fixture.App, userName));

        var scopes = token.Claims.Single(c => c.Type == "scope").Value.Split(' ');
        Assert.Contains(scope, scopes);
        Assert.Equal(userName, token.Claims.Single(c => c.Type == "name").Value);
        Assert.StartsWith("person:", token.Subject);
        Assert.DoesNotContain(token.Claims, c => c.Type == "id_number" || c.Value.Contains("441202198503151015", StringComparison.Ordinal));
        Assert.Contains("onewindow-api", token.Audiences);
        if (userName == "demo-citizen")
        {
            Assert.DoesNotContain("registry:staff", scopes);
            Assert.DoesNotContain("platform:admin", scopes);
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => PersonSignIn.TokenAsync(fixture.App, "demo-staff", "not-the-password"));
    }
}
