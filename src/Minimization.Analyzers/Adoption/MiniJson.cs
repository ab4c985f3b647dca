using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Minimization.Analyzers.Adoption
{
    /// <summary>A JSON value with the span it was read from (the analyzers carry no JSON library: they load in the compiler).</summary>
    internal sealed class JsonNode
    {
        public JsonNode(JsonKind kind, TextSpan span, string? text = null, List<KeyValuePair<string, JsonNode>>? members = null, List<JsonNode>? items = null)
        {
            Kind = kind;
            Span = span;
            Text = text;
            Members = members;
            Items = items;
        }

        public JsonKind Kind { get; }

        public TextSpan Span { get; }

        /// <summary>A string's value, or a number's or literal's text.</summary>
        public string? Text { get; }

        public List<KeyValuePair<string, JsonNode>>? Members { get; }

        public List<JsonNode>? Items { get; }

        public JsonNode? this[string name]
        {
            get
            {
                if (Members is null)
                {
                    return null;
                }

                foreach (var m in Members)
                {
                    if (string.Equals(m.Key, name, StringComparison.Ordinal))
                    {
                        return m.Value;
                    }
                }

                return null;
            }
        }
    }

    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        Literal,
    }

    /// <summary>Thrown with the position of the first error in a JSON text.</summary>
    internal sealed class JsonFormatException : Exception
    {
        public JsonFormatException(string message, int position)
            : base(message)
        {
            Position = position;
        }

        public int Position { get; }
    }

    /// <summary>A strict reader of JSON (RFC 8259) that keeps spans; depth-limited, never recursive beyond 64 levels.</summary>
    internal sealed class MiniJson
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;

        private MiniJson(string text)
        {
            _text = text;
        }

        public static JsonNode Parse(string text)
        {
            var reader = new MiniJson(text);
            if (reader._pos < text.Length && text[0] == '\uFEFF')
            {
                reader._pos++;
            }

            var value = reader.Value(0);
            reader.SkipSpace();
            if (reader._pos != text.Length)
            {
                throw new JsonFormatException("unexpected text after the end of the document", reader._pos);
            }

            return value;
        }

        private JsonNode Value(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new JsonFormatException("nested too deeply", _pos);
            }

            SkipSpace();
            if (_pos >= _text.Length)
            {
                throw new JsonFormatException("unexpected end of the document", _pos);
            }

            var start = _pos;
            switch (_text[_pos])
            {
                case '{':
                    return Object(depth);
                case '[':
                    return Array(depth);
                case '"':
                    var s = String();
                    return new JsonNode(JsonKind.String, TextSpan.FromBounds(start, _pos), s);
                default:
                    if (_text[_pos] == '-' || char.IsDigit(_text[_pos]))
                    {
                        while (_pos < _text.Length && "+-.eE0123456789".IndexOf(_text[_pos]) >= 0)
                        {
                            _pos++;
                        }

                        var number = _text.Substring(start, _pos - start);
                        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        {
                            throw new JsonFormatException("invalid number '" + number + "'", start);
                        }

                        return new JsonNode(JsonKind.Number, TextSpan.FromBounds(start, _pos), number);
                    }

                    foreach (var literal in new[] { "true", "false", "null" })
                    {
                        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) == 0)
                        {
                            _pos += literal.Length;
                            return new JsonNode(JsonKind.Literal, TextSpan.FromBounds(start, _pos), literal);
                        }
                    }

                    throw new JsonFormatException("unexpected character '" + _text[_pos] + "'", _pos);
            }
        }

        private JsonNode Object(int depth)
        {
            var start = _pos++;
            var members = new List<KeyValuePair<string, JsonNode>>();
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return new JsonNode(JsonKind.Object, TextSpan.FromBounds(start, _pos), members: members);
            }

            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    throw new JsonFormatException("expected a property name in quotes", _pos);
                }

                var name = String();
                SkipSpace();
                Expect(':');
                members.Add(new KeyValuePair<string, JsonNode>(name, Value(depth + 1)));
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}');
                return new JsonNode(JsonKind.Object, TextSpan.FromBounds(start, _pos), members: members);
            }
        }

        private JsonNode Array(int depth)
        {
            var start = _pos++;
            var items = new List<JsonNode>();
            SkipSpace();
            if (Peek() == ']')
            {
                _pos++;
                return new JsonNode(JsonKind.Array, TextSpan.FromBounds(start, _pos), items: items);
            }

            while (true)
            {
                items.Add(Value(depth + 1));
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(']');
                return new JsonNode(JsonKind.Array, TextSpan.FromBounds(start, _pos), items: items);
            }
        }

        private string String()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonFormatException("unterminated string", _pos);
                }

                var c = _text[_pos++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonFormatException("control character in a string", _pos - 1);
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                {
                    throw new JsonFormatException("unterminated string", _pos);
                }

                var e = _text[_pos++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new JsonFormatException("invalid \\u escape", _pos);
                        }

                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonFormatException("invalid escape '\\" + e + "'", _pos - 1);
                }
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new JsonFormatException(_pos >= _text.Length ? "unexpected end of the document (expected '" + c + "')" : "expected '" + c + "'", _pos);
            }

            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\n')
            {
                _pos++;
            }
        }
    }
}
