using System.Reflection;
using System.Reflection.Emit;

namespace Tessera.Distributed.Shipping;

internal sealed partial class PayloadWriter
{
    private const string DynamicMethodReason =
        "it calls a dynamic method (a compiled expression or Reflection.Emit code) that exists only in this process; pass a lambda or a method instead.";

    /// <summary>
    /// Writes a type reference: an id into this payload's type table, defined on first use as a named type
    /// (assembly + full name), an array of an element type, or a generic definition with arguments.
    /// </summary>
    public void WriteType(Type type)
    {
        _types ??= [];
        if (_types.TryGetValue(type, out int id))
        {
            WriteVarUInt((uint)id + 1);
            return;
        }

        WriteByte(0);
        if (WellKnownTypes.IndexOf(type) is int known and >= 0)
        {
            WriteByte(4);
            WriteByte((byte)known);
        }
        else if (type.IsArray)
        {
            WriteByte(1);
            WriteByte((byte)(type.IsSZArray ? 0 : type.GetArrayRank()));
            WriteType(type.GetElementType()!);
        }
        else if (type.IsConstructedGenericType)
        {
            TypeShape shape = TypeShape.Of(type);
            WriteByte(2);
            WriteType(shape.GenericDefinition!);
            Type[] args = shape.GenericArguments;
            WriteVarUInt((uint)args.Length);
            foreach (Type arg in args)
            {
                WriteType(arg);
            }
        }
        else
        {
            if (type.FullName is null || type.IsGenericParameter || type.IsPointer || type.IsByRef)
            {
                throw Refuse(type, "only concrete types can be named in a payload.");
            }

            if (!TypeShape.Of(type).AssemblyHasFile)
            {
                throw Refuse(type, $"its assembly '{type.Assembly.FullName}' was loaded from memory and has no file to ship to workers.");
            }

            WriteByte(3);
            WriteAssembly(type.Assembly);
            WriteString(type.FullName);
        }

        _types.TryAdd(type, _types.Count);
    }

    /// <summary>Writes a task function: a marker for <see cref="TaskFunction.Identity"/>, else name, arity, delegate and invoker.</summary>
    public void WriteFunction(TaskFunction function)
    {
        if (ReferenceEquals(function, TaskFunction.Identity))
        {
            WriteTag(WireTag.IdentityFunction);
            return;
        }

        if (TryWriteBackRef(function, register: true))
        {
            return;
        }

        WriteTag(WireTag.Function);
        WriteString(function.Name);
        WriteVarLong(function.Arity);

        // The user delegate goes first so that refusals name its captures from the root ('stream', not 'function.stream'),
        // and the invoker's closure then refers back to it.
        WriteValue(function.Delegate);
        WriteValue(function.Invoker);
    }

    /// <summary>Writes task arguments: a count, then per argument its kind and payload (nested lists and inline tasks recursively).</summary>
    public void WriteArgs(IReadOnlyList<TaskArg> args)
    {
        WriteVarUInt((uint)args.Count);
        for (int i = 0; i < args.Count; i++)
        {
            WriteArg(args[i]);
        }
    }

    private void WriteArg(in TaskArg arg)
    {
        WriteByte((byte)arg.Kind);
        switch (arg.Kind)
        {
            case TaskArgKind.Literal:
                WriteValue(arg.Value);
                break;
            case TaskArgKind.Ref:
                WriteKey(arg.Key);
                break;
            case TaskArgKind.List:
                WriteArgs(arg.Items);
                break;
            case TaskArgKind.Inline:
                TaskSpec task = arg.InlineTask!;
                WriteKey(task.Key);
                WriteFunction(task.Function);
                WriteArgs(task.Args);
                break;
            default:
                throw new ArgumentException($"Unknown task argument kind {arg.Kind}.", nameof(arg));
        }
    }

    /// <summary>
    /// Writes a delegate: its type, then per invocation-list entry the method reference and the target. The delegate is
    /// registered after its content: the reader can only create it once the target exists.
    /// </summary>
    private void WriteDelegate(Delegate value)
    {
        Delegate[] list = value.HasSingleTarget ? [value] : value.GetInvocationList();
        foreach (Delegate d in list)
        {
            MethodInfo method = d.Method;
            if (method is DynamicMethod || method.DeclaringType is null || method.Module.Assembly.IsDynamic)
            {
                throw Refuse(value.GetType(), DynamicMethodReason);
            }
        }

        WriteTag(WireTag.Delegate);
        WriteType(value.GetType());
        WriteVarUInt((uint)list.Length);
        foreach (Delegate d in list)
        {
            WriteMethod(d.Method, value.GetType());
            WriteValue(d.Target);
        }

        RegisterAfter(value);
    }

    private void WriteMethod(MethodInfo method, Type delegateType)
    {
        Type declaring = method.DeclaringType!;
        if (TypeShape.Of(declaring).Refusal is { } reason)
        {
            throw Refuse(delegateType, $"it calls {declaring.FullName}.{method.Name}, and {reason}");
        }

        WriteType(declaring);
        WriteInt32(method.MetadataToken);
        WriteBlittable(method.Module.ModuleVersionId);
        if (method.IsGenericMethod)
        {
            Type[] args = method.GetGenericArguments();
            WriteVarUInt((uint)args.Length);
            foreach (Type arg in args)
            {
                if (TypeShape.Of(arg).Refusal is { } argReason)
                {
                    throw Refuse(arg, argReason);
                }

                WriteType(arg);
            }
        }
        else
        {
            WriteByte(0);
        }
    }

    private void WriteAssembly(Assembly assembly)
    {
        _assemblies ??= [];
        if (_assemblies.TryGetValue(assembly, out int id))
        {
            WriteVarUInt((uint)id + 1);
            return;
        }

        WriteByte(0);
        WriteString(assembly.FullName);
        _assemblies.Add(assembly, _assemblies.Count);
        _assemblyList.Add(assembly);
    }
}
