namespace Pilot.Capnp.Schema;

/// <summary>
/// The generic parameter bindings in effect inside one struct value (per declaring scope id), so that a field typed
/// by a parameter (<c>value :T</c> in <c>Box(T)</c> used as <c>Box(Text)</c>) reads as its bound type.
/// Unbound parameters stay AnyPointer.
/// </summary>
public sealed class TypeBindings
{
    public static readonly TypeBindings None = new(new Dictionary<ulong, IReadOnlyList<SchemaType?>>());

    private readonly Dictionary<ulong, IReadOnlyList<SchemaType?>> scopes;

    private TypeBindings(Dictionary<ulong, IReadOnlyList<SchemaType?>> scopes) => this.scopes = scopes;

    /// <summary>The concrete type of <paramref name="type"/> here: a bound parameter becomes its binding; lists resolve their elements.</summary>
    public SchemaType Resolve(SchemaType type)
    {
        if (type.IsParameter)
            return scopes.TryGetValue(type.ParameterScopeId, out var bound) && type.ParameterIndex < bound.Count
                && bound[type.ParameterIndex] is { } binding ? binding : type;
        if (type.Kind == TypeKind.List && ContainsParameter(type.ElementType!))
            return new SchemaType(TypeKind.List, Resolve(type.ElementType!));
        if (type.Brand.Count > 0 && type.Brand.Any(s => s.Bindings is null || s.Bindings.Any(b => b is not null && ContainsParameter(b))))
            return new SchemaType(type.Kind, null, type.TypeId, type.Brand.Select(ResolveScope).ToArray());
        return type;
    }

    /// <summary>The bindings inside a value of the (resolved) struct type <paramref name="structType"/>.</summary>
    public TypeBindings Enter(SchemaType structType)
    {
        if (structType.Brand.Count == 0) return None;
        var result = new Dictionary<ulong, IReadOnlyList<SchemaType?>>();
        foreach (var scope in structType.Brand.Select(ResolveScope))
            if (scope.Bindings is not null) result[scope.ScopeId] = scope.Bindings;
        return new TypeBindings(result);
    }

    private BrandScope ResolveScope(BrandScope scope)
    {
        if (scope.Bindings is null)
            return scopes.TryGetValue(scope.ScopeId, out var inherited) ? new BrandScope(scope.ScopeId, inherited) : scope;
        return new BrandScope(scope.ScopeId, scope.Bindings.Select(b => b is null ? null : Resolve(b)).ToArray());
    }

    private static bool ContainsParameter(SchemaType type) =>
        type.IsParameter || type.Kind == TypeKind.List && ContainsParameter(type.ElementType!)
        || type.Brand.Any(s => s.Bindings is null || s.Bindings.Any(b => b is not null && ContainsParameter(b)));
}
