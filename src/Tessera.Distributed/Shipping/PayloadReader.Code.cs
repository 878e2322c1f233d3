using System.Reflection;

namespace Tessera.Distributed.Shipping;

internal ref partial struct PayloadReader
{
    /// <summary>Reads a type reference; named types are resolved and checked by the loader's policy.</summary>
    public Type ReadType()
    {
        ulong id = ReadVarUInt();
        _types ??= [];
        if (id != 0)
        {
            return id <= (ulong)_types.Count ? _types[(int)id - 1] : throw Malformed($"a reference to unknown type {id - 1}");
        }

        Type type;
        byte kind = ReadByte();
        switch (kind)
        {
            case 1:
                int rank = ReadByte();
                Type element = ReadType();
                type = rank == 0 ? element.MakeArrayType() : element.MakeArrayType(rank);
                break;
            case 2:
                Type definition = ReadType();
                int count = ReadCount();
                if (!definition.IsGenericTypeDefinition || definition.GetGenericArguments().Length != count)
                {
                    throw Malformed($"{definition} does not take {count} type argument(s)");
                }

                var args = new Type[count];
                for (int i = 0; i < count; i++)
                {
                    args[i] = ReadType();
                }

                type = _loader.MakeGenericType(definition, args);
                break;
            case 3:
                Assembly assembly = ReadAssembly();
                type = _loader.ResolveType(assembly, ReadRequiredUtf8());
                break;
            case 4:
                type = WellKnownTypes.At(ReadByte()) ?? throw Malformed("unknown well-known type");
                break;
            default:
                throw Malformed($"unknown type kind {kind}");
        }

        _types.Add(type);
        return type;
    }

    /// <summary>Reads a task function (or the identity marker) whose tag was just read.</summary>
    public TaskFunction ReadFunction(WireTag tag)
    {
        if (tag == WireTag.IdentityFunction)
        {
            return TaskFunction.Identity;
        }

        if (tag != WireTag.Function)
        {
            throw Malformed($"expected a task function, found tag {tag}");
        }

        int slot = Reserve();
        string name = ReadRequiredString();
        int arity = checked((int)ReadVarLong());
        if (ReadValue() is not Delegate userDelegate)
        {
            throw Malformed("a task function has no delegate");
        }

        if (ReadValue() is not TaskInvoker invoker)
        {
            throw Malformed("a task function has no invoker");
        }

        var function = TaskFunction.FromInvoker(name, userDelegate, invoker, arity);
        Fill(slot, function);
        return function;
    }

    /// <summary>Reads a task function value (tag included).</summary>
    public TaskFunction ReadFunction()
    {
        var tag = (WireTag)ReadByte();
        return tag == WireTag.BackRef ? ReadBackRef() as TaskFunction ?? throw Malformed("expected a task function") : ReadFunction(tag);
    }

    /// <summary>Reads task arguments written by <see cref="PayloadWriter.WriteArgs"/>.</summary>
    public TaskArg[] ReadArgs()
    {
        int count = ReadCount();
        if (count == 0)
        {
            return [];
        }

        var args = new TaskArg[count];
        for (int i = 0; i < count; i++)
        {
            var kind = (TaskArgKind)ReadByte();
            args[i] = kind switch
            {
                TaskArgKind.Literal => TaskArg.Literal(ReadValue()),
                TaskArgKind.Ref => TaskArg.Ref(ReadKey()),
                TaskArgKind.List => TaskArg.List(ReadArgs()),
                TaskArgKind.Inline => ReadInline(),
                _ => throw Malformed($"unknown argument kind {(byte)kind}"),
            };
        }

        return args;
    }

    private TaskArg ReadInline()
    {
        Key key = ReadKey();
        TaskFunction function = ReadFunction();
        return TaskArg.Inline(new TaskSpec(key, function, ReadArgs()));
    }

    private Assembly ReadAssembly()
    {
        ulong id = ReadVarUInt();
        _assemblies ??= [];
        if (id != 0)
        {
            return id <= (ulong)_assemblies.Count ? _assemblies[(int)id - 1] : throw Malformed($"a reference to unknown assembly {id - 1}");
        }

        Assembly assembly = _loader.ResolveAssembly(ReadRequiredUtf8());
        _assemblies.Add(assembly);
        return assembly;
    }

    private Delegate ReadDelegate()
    {
        Type type = ReadType();
        if (!typeof(Delegate).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw Malformed($"{type} is not a delegate type");
        }

        int count = ReadCount();
        if (count == 0)
        {
            throw Malformed("a delegate with no methods");
        }

        var parts = new Delegate[count];
        for (int i = 0; i < count; i++)
        {
            MethodInfo method = ReadMethod();
            object? target = ReadValue();
            try
            {
                parts[i] = method.IsStatic && target is null
                    ? Delegate.CreateDelegate(type, method)
                    : Delegate.CreateDelegate(type, target, method);
            }
            catch (ArgumentException e)
            {
                throw new System.Runtime.Serialization.SerializationException(
                    $"Cannot rebuild a {type} over {method.DeclaringType}.{method.Name}: the shipped code does not match.", e);
            }
        }

        Delegate result = count == 1 ? parts[0] : Delegate.Combine(parts)!;
        Register(result);
        return result;
    }

    private MethodInfo ReadMethod()
    {
        Type declaring = ReadType();
        int token = ReadInt32();
        Guid mvid = ReadBlittable<Guid>();
        int genericCount = ReadCount();
        Type[] genericArgs = genericCount == 0 ? Type.EmptyTypes : new Type[genericCount];
        for (int i = 0; i < genericCount; i++)
        {
            genericArgs[i] = ReadType();
        }

        return _loader.ResolveMethod(declaring, token, mvid, genericArgs);
    }
}
