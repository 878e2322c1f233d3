using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tessera.Generators;

/// <summary>
/// Writes the <c>Call</c> overloads of a partial class marked <c>[GenerateCallOverloads(maxArity)]</c>: for each
/// arity n from 0 to maxArity, one overload per mix of plain and <c>Delayed&lt;T&gt;</c> arguments (2^n), so that
/// method groups (<c>Delayed.Call(MyF, i)</c>) infer their type arguments. C# inference cannot flow through
/// user-defined conversions, which is why one overload per mix is needed rather than one argument wrapper type.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CallOverloadsGenerator : IIncrementalGenerator
{
    /// <summary>The attribute that asks for the overloads.</summary>
    public const string AttributeName = "Tessera.GenerateCallOverloadsAttribute";

    /// <summary>The largest arity this generator accepts (2^arity overloads are written for it).</summary>
    public const int MaxSupportedArity = 10;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var targets = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, _) => Target.From(ctx));
        context.RegisterSourceOutput(targets, static (spc, target) =>
        {
            if (target.MaxArity < 0 || target.MaxArity > MaxSupportedArity)
            {
                spc.ReportDiagnostic(Diagnostic.Create(BadArity, target.Location, target.MaxArity, MaxSupportedArity));
                return;
            }

            for (int n = 0; n <= target.MaxArity; n++)
            {
                spc.AddSource($"{target.ClassName}.Call{n}.g.cs", CallOverloads.Render(target.Namespace, target.ClassName, n));
            }
        });
    }

    private static readonly DiagnosticDescriptor BadArity = new(
        "TSG001",
        "Unsupported arity for Call overloads",
        "GenerateCallOverloads asks for arity {0}; use 0 to {1} (each arity n writes 2^n overloads)",
        "Tessera.Generators",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    private sealed class Target : IEquatable<Target>
    {
        private Target(string ns, string className, int maxArity, Location? location)
        {
            Namespace = ns;
            ClassName = className;
            MaxArity = maxArity;
            Location = location;
        }

        public string Namespace { get; }

        public string ClassName { get; }

        public int MaxArity { get; }

        public Location? Location { get; }

        public static Target From(GeneratorAttributeSyntaxContext ctx)
        {
            var symbol = (INamedTypeSymbol)ctx.TargetSymbol;
            int arity = ctx.Attributes[0].ConstructorArguments.Length > 0 && ctx.Attributes[0].ConstructorArguments[0].Value is int a ? a : 8;
            string ns = symbol.ContainingNamespace.IsGlobalNamespace ? string.Empty : symbol.ContainingNamespace.ToDisplayString();
            return new Target(ns, symbol.Name, arity, ctx.TargetNode.GetLocation());
        }

        public bool Equals(Target? other) =>
            other is not null && other.Namespace == Namespace && other.ClassName == ClassName && other.MaxArity == MaxArity;

        public override bool Equals(object? obj) => Equals(obj as Target);

        public override int GetHashCode() => (Namespace.GetHashCode() * 397) ^ (ClassName.GetHashCode() * 31) ^ MaxArity;
    }
}
