using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FactCheck.Data.Backup;

/// <summary>One JSON token: its kind and its text (a string's value, a number's digits, a property's name).</summary>
internal readonly record struct BackupToken(JsonTokenType Kind, string? Text);

/// <summary>
/// Reads a backup file token by token through a small refilled buffer, so a restore holds one row at a time however
/// large the archive. Utf8JsonReader is a ref struct that cannot live across an await, so this reads synchronously
/// and keeps the reader's state between tokens; the restore awaits its inserts in between.
/// </summary>
internal sealed class BackupReader(Stream input) : IDisposable
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 16 });

    public BackupHeader ReadHeader()
    {
        Expect(JsonTokenType.StartObject, "a JSON object");
        string? format = null;
        int? version = null;
        string? schema = null;
        var created = default(DateTime);
        var secrets = false;
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            var property = Next();
            if (property.Kind != JsonTokenType.PropertyName)
            {
                throw new BackupException("The file has no \"tables\": it is not a complete FactCheck backup.");
            }

            switch (property.Text)
            {
                case "format":
                    format = Next().Text;
                    if (format != BackupFormat.Name)
                    {
                        throw new BackupException($"The file is not a FactCheck backup (its format is '{format}', not '{BackupFormat.Name}').");
                    }

                    break;
                case "version":
                    var versionText = Next().Text;
                    version = int.TryParse(versionText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
                    if (version != BackupFormat.Version)
                    {
                        throw new BackupException($"The backup is format version {versionText}; this version of FactCheck restores version {BackupFormat.Version} only.");
                    }

                    break;
                case "createdAtUtc":
                    created = DateTime.TryParse(Next().Text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default;
                    break;
                case "schema":
                    schema = Next().Text;
                    break;
                case "includesSecrets":
                    secrets = Next().Kind == JsonTokenType.True;
                    break;
                case "sequences":
                    Expect(JsonTokenType.StartObject, "an object of sequences");
                    while (Next() is { Kind: JsonTokenType.PropertyName } name)
                    {
                        sequences[name.Text!] = long.Parse(Next().Text!, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    }

                    break;
                case "tables":
                    if (format is null || version is null || schema is null)
                    {
                        throw new BackupException("The file is not a FactCheck backup: \"format\", \"version\" and \"schema\" must come before \"tables\".");
                    }

                    Expect(JsonTokenType.StartObject, "an object of tables");
                    return new BackupHeader(format, version.Value, created, schema, secrets, sequences);
                default:
                    Skip(Next());
                    break;
            }
        }
    }

    /// <summary>The next table's name and columns, positioned at its first row; null after the last table.</summary>
    public (string Name, IReadOnlyList<string> Columns)? NextTable()
    {
        var name = Next();
        if (name.Kind == JsonTokenType.EndObject)
        {
            return null;
        }

        Expect(JsonTokenType.StartObject, $"table {name.Text} as an object");
        ExpectProperty("columns");
        Expect(JsonTokenType.StartArray, "a list of columns");
        var columns = new List<string>();
        while (Next() is { Kind: JsonTokenType.String } column)
        {
            columns.Add(column.Text!);
        }

        ExpectProperty("rows");
        Expect(JsonTokenType.StartArray, "a list of rows");
        return (name.Text!, columns);
    }

    /// <summary>Reads the next row's tokens into <paramref name="values"/>; false after the table's last row.</summary>
    public bool NextRow(BackupToken[] values, string table)
    {
        var start = Next();
        if (start.Kind == JsonTokenType.EndArray)
        {
            Expect(JsonTokenType.EndObject, $"the end of table {table}");
            return false;
        }

        if (start.Kind != JsonTokenType.StartArray)
        {
            throw new BackupException($"A row of {table} is not a JSON array.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Next();
            if (values[i].Kind is JsonTokenType.EndArray or JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                throw new BackupException($"A row of {table} does not hold {values.Length} values.");
            }
        }

        Expect(JsonTokenType.EndArray, $"the end of a row of {table} after {values.Length} values");
        return true;
    }

    public void Dispose() => input.Dispose();

    private void ExpectProperty(string name)
    {
        var token = Next();
        if (token.Kind != JsonTokenType.PropertyName || token.Text != name)
        {
            throw new BackupException($"The backup has {token.Text ?? token.Kind.ToString()} where \"{name}\" belongs.");
        }
    }

    private void Expect(JsonTokenType kind, string what)
    {
        if (Next().Kind != kind)
        {
            throw new BackupException($"The file is not a FactCheck backup: expected {what}.");
        }
    }

    private void Skip(BackupToken token)
    {
        if (token.Kind is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        for (var depth = 1; depth > 0;)
        {
            depth += Next().Kind switch
            {
                JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                JsonTokenType.EndObject or JsonTokenType.EndArray => -1,
                _ => 0,
            };
        }
    }

    private BackupToken Next()
    {
        while (true)
        {
            if (TryRead(out var token))
            {
                return token;
            }

            if (_final)
            {
                throw new BackupException("The backup file ends too early: it is cut short or not a FactCheck backup.");
            }

            Fill();
        }
    }

    private bool TryRead(out BackupToken token)
    {
        token = default;
        Utf8JsonReader reader;
        try
        {
            reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (!reader.Read())
            {
                return false;
            }

            var text = reader.TokenType switch
            {
                JsonTokenType.String or JsonTokenType.PropertyName => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            token = new BackupToken(reader.TokenType, text);
        }
        catch (JsonException ex)
        {
            throw new BackupException($"The file is not valid JSON: {ex.Message}", ex);
        }

        _state = reader.CurrentState;
        _start += (int)reader.BytesConsumed;
        return true;
    }

    private const int MaxTokenBytes = 256 << 20;

    private void Fill()
    {
        var length = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
        }
        else if (length == _buffer.Length)
        {
            // One token (a source's full text) larger than the buffer: grow to hold it, up to a bound far above any
            // real document, so a corrupt or hostile file is refused with a message instead of exhausting memory.
            if (_buffer.Length >= MaxTokenBytes)
            {
                throw new BackupException($"The file holds a single value over {MaxTokenBytes / (1 << 20)} MB; it is not a FactCheck backup or it is damaged.");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxTokenBytes));
        }

        _start = 0;
        _end = length;
        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }
}
