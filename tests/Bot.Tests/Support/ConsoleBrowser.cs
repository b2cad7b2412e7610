using System.Net;
using System.Text.RegularExpressions;
using Bot.Console;
using Bot.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>
/// Uses the console as a browser without script does: GETs pages, keeps cookies, and posts forms with the
/// antiforgery token and form name the page rendered. Redirects are not followed, so tests see them.
/// </summary>
internal sealed partial class ConsoleBrowser(DeskApp app)
{
    private readonly HttpClient client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<Account> CreateAccountAsync(DeskApp app, string email, string role, string password = "a long enough password", string? name = null)
    {
        var hash = app.Services.GetRequiredService<ConsoleSignIn>().Hash(password);
        return await app.Services.GetRequiredService<AccountStore>().CreateAsync(email, name ?? email.Split('@')[0], role, hash, CancellationToken.None);
    }

    /// <summary>A browser signed in with a new account of <paramref name="role"/>.</summary>
    public static async Task<ConsoleBrowser> SignedInAsync(DeskApp app, string email, string role, string? name = null)
    {
        await CreateAccountAsync(app, email, role, name: name);
        var browser = new ConsoleBrowser(app);
        using var response = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    public async Task<string> PageAsync(string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Fills in and submits the form named <paramref name="formName"/> on the page at <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields) =>
        await SubmitFromAsync(await PageAsync(path), path, formName, fields);

    /// <summary>
    /// Posts the form named <paramref name="formName"/> as the page <paramref name="loaded"/> (an earlier GET of
    /// <paramref name="path"/>) rendered it: what a technician's open tab sends after colleagues changed the ticket.
    /// </summary>
    public Task<HttpResponseMessage> SubmitFromAsync(string loaded, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(loaded);
        Assert.True(token.Success, $"The page at {path} had no antiforgery token.");
        Assert.Contains($"name=\"_handler\" value=\"{formName}\"", loaded, StringComparison.Ordinal);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts fields as they are, with no antiforgery token: what a forged cross-site form would send.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = "a long enough password") =>
        await SubmitAsync("/console/signin", "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
