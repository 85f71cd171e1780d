using System.Text.Encodings.Web;
using System.Text.Unicode;
using OneWindow.Sdk;

// A certificate verification page: the server checks what the visitor enters through the SDK's verifier — online by
// number and code or by the QR code's token, and the token offline against the published keys as well.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Note: verification is open to anonymous callers, but limited per address (Certificates:AnonymousPerMinute), and
// every visitor of this page reaches the platform from the portal's one address: the portal signs in with a
// verifier client (OneWindow:ClientId and :ClientSecret, certificates:verify) for the verifier's limit. Without one it
// verifies anonymously. The demo verifier's credentials are in appsettings.Development.json only.
builder.Services.Configure<OneWindowClientOptions>(builder.Configuration.GetSection("OneWindow"));
builder.Services.PostConfigure<OneWindowClientOptions>(options =>
{
    if (string.IsNullOrEmpty(options.ClientId))
    {
        options.ClientId = null;
        options.ClientSecret = null;
        options.Scopes.Clear();
    }
});
builder.Services.AddOneWindowClient();
builder.Services.AddRazorPages();
// Chinese text as text in the page source, not as character references.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

var app = builder.Build();
app.UseStatusCodePages();
app.MapRazorPages();
app.Run();
