using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Version;

/// <summary>
/// <c>version [-o table|json]</c>: this client's version and the API server's <c>/version</c>. When the
/// server cannot be asked, the client version is still printed and the command fails with exit 3.
/// </summary>
public static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var clientOnly = new Option<bool>("--client") { Description = "Print only the client version (no server call)" };
        var command = new Command("version", "Print the client and the API server version")
        {
            output,
            clientOnly,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(output), parse.GetValue(clientOnly), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, OutputFormat format, bool clientOnly, CancellationToken cancellationToken)
    {
        var client = ClientVersion.Current;
        if (clientOnly)
        {
            Write(context, format, client, server: null);
            return ExitCodes.Clean;
        }

        VersionInfo server;
        try
        {
            using var kube = context.KubeClients.Create(parse);
            server = await kube.GetVersionAsync(cancellationToken);
        }
        catch (KubeException)
        {
            Write(context, format, client, server: null);
            throw;
        }

        Write(context, format, client, server);
        return ExitCodes.Clean;
    }

    private static void Write(CliContext context, OutputFormat format, ClientVersion client, VersionInfo? server)
    {
        if (format == OutputFormat.Json)
        {
            var document = new JsonObject
            {
                ["clientVersion"] = new JsonObject
                {
                    ["major"] = client.Major,
                    ["minor"] = client.Minor,
                    ["gitVersion"] = client.GitVersion,
                    ["platform"] = client.Platform,
                },
            };
            if (server is not null)
            {
                document["serverVersion"] = JsonSerializer.SerializeToNode(server, KubeJsonContext.Default.VersionInfo);
            }

            JsonOutput.Write(context.Out, document);
            return;
        }

        context.Out.WriteLine($"Client Version: {client.GitVersion}");
        if (server is not null)
        {
            context.Out.WriteLine($"Server Version: {server.GitVersion ?? $"v{server.Major}.{server.Minor}"}");
        }
    }
}
