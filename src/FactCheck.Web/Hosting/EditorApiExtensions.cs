using FactCheck.Data.Identity;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Api;
using FactCheck.Web.Features.Api.Editor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FactCheck.Web.Hosting;

/// <summary>
/// The editors' API's wiring: the personal-token scheme (<see cref="ApiTokenAuthenticationHandler"/>), the policy
/// that names only that scheme, the services, and the Bearer security scheme in the public API's OpenAPI document.
/// </summary>
public static class EditorApiExtensions
{
    private const string SecuritySchemeId = "Bearer";

    public static WebApplicationBuilder AddFactCheckEditorApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Not the default scheme: cookie pages keep the cookie alone, and only the editor API's policy asks for this one.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(EditorApiEndpoints.Policy, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(DeskRoles.Editor, DeskRoles.ChiefEditor));
        services.AddScoped<ApiTokens>();
        services.AddScoped<EditorDraftApi>();

        services.Configure<OpenApiOptions>(ApiEndpoints.DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "fct_ personal API token",
                    Description = "A personal API token made by `users token add EMAIL` (editors' operations only; the public API needs none).",
                };
                document.Info.Description += " The Editors operations (/api/editor) read and write the desk with a personal API token sent as Authorization: Bearer.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/editor/", StringComparison.Ordinal) == true)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeId, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }
}
