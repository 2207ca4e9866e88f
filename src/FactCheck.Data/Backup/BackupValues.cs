using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace FactCheck.Data.Backup;

/// <summary>
/// Column values between the database and JSON, by the provider's CLR type (the value as stored: an enum kept by
/// name is its string). Dates and times are ISO 8601 with every tick and the DateTime kind kept ("O"), so they come
/// back equal. A type without a rule here fails the backup instead of being written approximately.
/// </summary>
internal static class BackupValues
{
    public static void Write(Utf8JsonWriter json, DbDataReader reader, int ordinal, Type type)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }

        switch (Type.GetTypeCode(type))
        {
            case TypeCode.String:
                json.WriteStringValue(reader.GetString(ordinal));
                return;
            case TypeCode.Boolean:
                json.WriteBooleanValue(reader.GetBoolean(ordinal));
                return;
            case TypeCode.Byte:
                json.WriteNumberValue(reader.GetByte(ordinal));
                return;
            case TypeCode.Int16:
                json.WriteNumberValue(reader.GetInt16(ordinal));
                return;
            case TypeCode.Int32:
                json.WriteNumberValue(reader.GetInt32(ordinal));
                return;
            case TypeCode.Int64:
                json.WriteNumberValue(reader.GetInt64(ordinal));
                return;
            case TypeCode.Double or TypeCode.Single:
                // "R": the shortest text that parses back to the same double.
                json.WriteStringValue(reader.GetDouble(ordinal).ToString("R", CultureInfo.InvariantCulture));
                return;
            case TypeCode.Decimal:
                json.WriteStringValue(reader.GetDecimal(ordinal).ToString(CultureInfo.InvariantCulture));
                return;
            case TypeCode.DateTime:
                json.WriteStringValue(reader.GetDateTime(ordinal).ToString("O", CultureInfo.InvariantCulture));
                return;
        }

        if (type == typeof(DateTimeOffset))
        {
            json.WriteStringValue(reader.GetFieldValue<DateTimeOffset>(ordinal).ToString("O", CultureInfo.InvariantCulture));
        }
        else if (type == typeof(DateOnly))
        {
            json.WriteStringValue(reader.GetFieldValue<DateOnly>(ordinal).ToString("O", CultureInfo.InvariantCulture));
        }
        else if (type == typeof(TimeOnly))
        {
            json.WriteStringValue(reader.GetFieldValue<TimeOnly>(ordinal).ToString("O", CultureInfo.InvariantCulture));
        }
        else if (type == typeof(TimeSpan))
        {
            json.WriteStringValue(reader.GetFieldValue<TimeSpan>(ordinal).ToString("c", CultureInfo.InvariantCulture));
        }
        else if (type == typeof(Guid))
        {
            json.WriteStringValue(reader.GetGuid(ordinal));
        }
        else if (type == typeof(byte[]))
        {
            json.WriteBase64StringValue(reader.GetFieldValue<byte[]>(ordinal));
        }
        else
        {
            throw new NotSupportedException($"A backup cannot yet write values of type {type}: add it to {nameof(BackupValues)}.");
        }
    }

    /// <summary>The provider value of a JSON token read by <see cref="BackupReader"/>.</summary>
    public static object? Parse(BackupToken token, Type type, string column)
    {
        if (token.Kind == JsonTokenType.Null)
        {
            return null;
        }

        try
        {
            return Type.GetTypeCode(type) switch
            {
                TypeCode.String => token.Text,
                TypeCode.Boolean => token.Kind == JsonTokenType.True || (token.Kind == JsonTokenType.False ? false : throw new FormatException("not true or false")),
                TypeCode.Byte => byte.Parse(token.Text!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                TypeCode.Int16 => short.Parse(token.Text!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                TypeCode.Int32 => int.Parse(token.Text!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                TypeCode.Int64 => long.Parse(token.Text!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                TypeCode.Double => double.Parse(token.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                TypeCode.Single => float.Parse(token.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                TypeCode.Decimal => decimal.Parse(token.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                TypeCode.DateTime => DateTime.Parse(token.Text!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(token.Text!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ when type == typeof(DateOnly) => DateOnly.ParseExact(token.Text!, "O", CultureInfo.InvariantCulture),
                _ when type == typeof(TimeOnly) => TimeOnly.ParseExact(token.Text!, "O", CultureInfo.InvariantCulture),
                _ when type == typeof(TimeSpan) => TimeSpan.ParseExact(token.Text!, "c", CultureInfo.InvariantCulture),
                _ when type == typeof(Guid) => Guid.Parse(token.Text!, CultureInfo.InvariantCulture),
                _ when type == typeof(byte[]) => Convert.FromBase64String(token.Text!),
                _ => throw new NotSupportedException($"A backup cannot yet read values of type {type}."),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentNullException)
        {
            throw new BackupException($"The backup's value for column {column} is not a valid {type.Name}: {token.Text ?? token.Kind.ToString()}", ex);
        }
    }
}
