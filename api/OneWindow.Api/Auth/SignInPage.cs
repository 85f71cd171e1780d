using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Auth;

/// <summary>
/// The sign-in page of people (citizens, staff, operators) for the authorization code flow: a plain form, an
/// anti-forgery token, passwords checked against ASP.NET Core Identity's PBKDF2 hashes. On success a short cookie
/// takes the person back to /connect/authorize.
/// </summary>
public static class SignInPage
{
    public static void MapSignInPage(this WebApplication app)
    {
        app.MapGet("/account/sign-in", Show).ExcludeFromDescription().AllowAnonymousByDesign();
        app.MapPost("/account/sign-in", SubmitAsync).ExcludeFromDescription().AllowAnonymousByDesign();
        if (app.Services.GetRequiredService<RegistryDatabase>().IsEmbedded || app.Environment.IsDevelopment())
        {
            // The demo portal's redirect target: shows the authorization code to exchange (demo only).
            app.MapGet("/signin-callback", Callback).ExcludeFromDescription().AllowAnonymousByDesign();
        }
    }

    private static IResult Callback(HttpContext context, [FromQuery] string? code, [FromQuery] string? state, [FromQuery] string? error)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var body = code is null
            ? $"<p class=\"error\">{WebUtility.HtmlEncode(error ?? "no code")}</p>"
            : $$"""
              <p>授权码 Authorization code:</p>
              <pre id="code">{{WebUtility.HtmlEncode(code)}}</pre>
              <p>state: <span id="state">{{WebUtility.HtmlEncode(state ?? "")}}</span></p>
              <p>用授权码和 PKCE code_verifier 换取访问令牌 / exchange it with your PKCE code_verifier:</p>
              <pre>curl -s -X POST {{WebUtility.HtmlEncode(origin)}}/connect/token -d grant_type=authorization_code \
                -d client_id=demo-portal -d redirect_uri={{WebUtility.HtmlEncode(origin)}}/signin-callback \
                -d code_verifier=$VERIFIER -d code={{WebUtility.HtmlEncode(code)}}</pre>
              """;
        var html = $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>OneWindow · signed in</title>
            <style>body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 3rem auto; } pre { background: #f4f6f8; padding: 1rem; white-space: pre-wrap; word-break: break-all; } .error { color: #b00020; }</style>
            </head><body><h1>OneWindow 演示门户 · demo portal</h1>{{body}}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Show(HttpContext context, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
        Page(context, antiforgery, returnUrl, userName: null, failed: false);

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, RegistryDbContext db,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var person = string.IsNullOrWhiteSpace(userName) ? null
            : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == userName.Trim() && !p.Disabled, context.RequestAborted);
        var verified = person is not null && !string.IsNullOrEmpty(password)
            && new PasswordHasher<Person>().VerifyHashedPassword(person, person.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            return Page(context, antiforgery, returnUrl, userName, failed: true);
        }
        var identity = new ClaimsIdentity(RegistryAuth.CookieScheme);
        identity.AddClaim(new Claim(RegistryClaims.PersonId, person!.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, person.UserName));
        await context.SignInAsync(RegistryAuth.CookieScheme, new ClaimsPrincipal(identity));
        // Only back into this site: an open redirect would hand the sign-in to anyone's page.
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? userName, bool failed)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var english = Errors.ErrorMessages.PrefersEnglish(context);
        string T(string zh, string en) => WebUtility.HtmlEncode(english ? en : zh);
        var error = failed ? $"<p class=\"error\" role=\"alert\">{T("用户名或密码不正确。", "Wrong user name or password.")}</p>" : "";
        var html = $$"""
            <!doctype html>
            <html lang="{{(english ? "en" : "zh-CN")}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{T("登录 · 不动产登记网上一窗", "Sign in · OneWindow")}}</title>
              <style>
                body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; background: #f4f6f8; margin: 0; }
                main { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
                h1 { font-size: 1.3rem; margin-top: 0; }
                label { display: block; margin: 1rem 0 .3rem; }
                input[type=text], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
                button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #1d5fa8; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
                .error { color: #b00020; }
              </style>
            </head>
            <body>
              <main>
                <h1>{{T("不动产登记网上一窗 · 登录", "OneWindow · Sign in")}}</h1>
                {{error}}
                <form method="post" action="/account/sign-in">
                  <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
                  <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
                  <label for="userName">{{T("用户名", "User name")}}</label>
                  <input id="userName" name="userName" type="text" autocomplete="username" required value="{{WebUtility.HtmlEncode(userName ?? "")}}">
                  <label for="password">{{T("密码", "Password")}}</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">{{T("登录", "Sign in")}}</button>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
