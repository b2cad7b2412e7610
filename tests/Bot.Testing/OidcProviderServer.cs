using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing;

/// <summary>
/// A local OpenID Connect provider playing Microsoft Entra ID for one app registration: discovery, the authorize
/// endpoint (it signs in whoever the test says, at once), the token endpoint (authorization code with PKCE, client
/// secret in the form) and the signing keys. Its id tokens are RS256 JWTs built here by hand, independently of the
/// libraries the app validates them with.
/// </summary>
public sealed class OidcProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string clientId;
    private readonly string clientSecret;
    private readonly RSA key = RSA.Create(2048);
    private readonly RSA otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> codes = new();
    private User? user;

    private OidcProviderServer(WebApplication app, string clientId, string clientSecret)
    {
        this.app = app;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /// <summary>The issuer and authority, ending in '/'.</summary>
    public string Authority { get; private set; } = null!;

    /// <summary>Sign id tokens with a key the provider does not publish, as a forger would.</summary>
    public bool SignWithUnpublishedKey { get; set; }

    public static async Task<OidcProviderServer> StartAsync(string clientId, string clientSecret)
    {
        var server = new OidcProviderServer(LoopbackServer.Create(), clientId, clientSecret);
        server.app.MapGet("/.well-known/openid-configuration", server.Discovery);
        server.app.MapGet("/authorize", server.Authorize);
        server.app.MapPost("/token", server.TokenAsync);
        server.app.MapGet("/keys", server.Keys);
        var address = await LoopbackServer.StartAsync(server.app);
        server.Authority = address.TrimEnd('/') + "/";
        return server;
    }

    /// <summary>Who signs in at the authorize endpoint next.</summary>
    public void SignsIn(string objectId, string email, string name) => user = new User(objectId, email, name);

    private IResult Discovery() => Results.Text($$"""
        {
          "issuer": "{{Authority}}",
          "authorization_endpoint": "{{Authority}}authorize",
          "token_endpoint": "{{Authority}}token",
          "jwks_uri": "{{Authority}}keys",
          "response_types_supported": ["code"],
          "response_modes_supported": ["query", "form_post"],
          "subject_types_supported": ["pairwise"],
          "id_token_signing_alg_values_supported": ["RS256"],
          "scopes_supported": ["openid", "profile", "email"],
          "code_challenge_methods_supported": ["S256"],
          "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"]
        }
        """, "application/json");

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != clientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["code_challenge"]) || user is null)
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        codes[code] = new Grant(user, query["nonce"].ToString(), query["redirect_uri"].ToString(), query["code_challenge"].ToString());
        var back = QueryHelpers.AddQueryString(query["redirect_uri"].ToString(), new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] });
        return Results.Redirect(back);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != clientId || form["client_secret"] != clientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"]
            || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idToken = Jwt(new Dictionary<string, object>
        {
            ["iss"] = Authority,
            ["aud"] = clientId,
            ["sub"] = $"sub-{grant.User.ObjectId}",
            ["oid"] = grant.User.ObjectId,
            ["email"] = grant.User.Email,
            ["preferred_username"] = grant.User.Email,
            ["name"] = grant.User.Name,
            ["nonce"] = grant.Nonce,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        });
        return Results.Json(new { token_type = "Bearer", id_token = idToken, access_token = Base64Url(RandomNumberGenerator.GetBytes(24)), expires_in = 3600 });
    }

    private IResult Keys()
    {
        var parameters = key.ExportParameters(false);
        return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "key-1", n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) } } });
    }

    private string Jwt(Dictionary<string, object> claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "key-1" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signer = SignWithUnpublishedKey ? otherKey : key;
        var signature = signer.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Dispose();
        otherKey.Dispose();
    }

    private sealed record User(string ObjectId, string Email, string Name);

    private sealed record Grant(User User, string Nonce, string RedirectUri, string CodeChallenge);
}
