using System.Collections.Concurrent;
using Newtonsoft.Json.Serialization;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Lets stored state name only types from the runtime's collections, Json.NET, Bot Framework and this app, so that
/// a tampered row cannot make the deserialiser build an arbitrary type.
/// </summary>
internal sealed class TrustedTypesBinder : ISerializationBinder
{
    private static readonly string[] TrustedAssemblies =
        ["System.Private.CoreLib", "mscorlib", "System.Collections", "System.Collections.Concurrent", "Newtonsoft.Json"];

    private static readonly string[] TrustedAssemblyPrefixes = ["Microsoft.Bot.", "Bot."];

    // Stored state names the same few types over and over; an assembly's name is worked out once per type.
    private static readonly ConcurrentDictionary<Type, bool> Verdicts = new();

    private readonly DefaultSerializationBinder inner = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var type = inner.BindToType(assemblyName, typeName);
        return Verdicts.GetOrAdd(type, IsTrusted)
            ? type
            : throw new InvalidOperationException($"Stored state names the type '{type.FullName}', which is not allowed in bot state.");
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        inner.BindToName(serializedType, out assemblyName, out typeName);

    private static bool IsTrusted(Type type)
    {
        if (type.HasElementType)
        {
            return IsTrusted(type.GetElementType()!);
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        var trusted = TrustedAssemblies.Contains(assembly, StringComparer.Ordinal)
            || TrustedAssemblyPrefixes.Any(prefix => assembly.StartsWith(prefix, StringComparison.Ordinal));
        return trusted && (!type.IsGenericType || type.GetGenericArguments().All(IsTrusted));
    }
}
