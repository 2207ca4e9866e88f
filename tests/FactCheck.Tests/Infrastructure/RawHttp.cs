using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace FactCheck.Tests.Infrastructure;

/// <summary>A response as it came off the wire: status, headers (names case-insensitive) and the decoded body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// HTTP/1.x over a plain socket, for requests HttpClient will not send: no Host at all, an empty one, or one
/// with control characters or bytes that are not ASCII. The request goes on the wire byte for byte as given.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends "{method} {target} {version}", a Host line unless <paramref name="host"/> is null, and Connection: close.</summary>
    public static Task<RawResponse> SendAsync(Uri server, string target, string? host, string method = "GET", string version = "HTTP/1.1")
    {
        var head = new StringBuilder($"{method} {target} {version}\r\n");
        if (host is not null)
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return SendAsync(server, Encoding.UTF8.GetBytes(head.ToString()));
    }

    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(request, timeout.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var separator = "\r\n\r\n"u8;
        var end = bytes.AsSpan().IndexOf(separator);
        if (end < 0)
        {
            throw new InvalidOperationException($"No complete response head in {bytes.Length} bytes.");
        }

        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        var body = bytes.AsSpan(end + separator.Length).ToArray();
        if (body.Length > 0 && headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8) + position;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, position, lineEnd - position).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
