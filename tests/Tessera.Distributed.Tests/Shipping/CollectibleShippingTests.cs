using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class CollectibleShippingTests
{
    private static string FixturePath =>
        typeof(CollectibleShippingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ShippingFixturePath").Value!;

    [Fact]
    public void UserAssemblyShipsIntoTheClientsCollectibleContextAndUnloads()
    {
        Assert.True(File.Exists(FixturePath), FixturePath);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Tessera.Shipping.Fixture");

        WeakReference context = ShipRunAndDispose(out int closureResult, out int staticResult, out bool loadedInClientContext, out int fetches);
        Assert.Equal(15, closureResult);
        Assert.Equal(42, staticResult);
        Assert.True(loadedInClientContext);
        Assert.Equal(1, fetches);

        for (int i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "the client's load context was not unloaded");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ShipRunAndDispose(out int closureResult, out int staticResult, out bool loadedInClientContext, out int fetches)
    {
        // The "client": the fixture lives in its own context, as a user's application would in the default one.
        var clientSide = new AssemblyLoadContext("client-side", isCollectible: true);
        try
        {
            Assembly fixture = clientSide.LoadFromAssemblyPath(FixturePath);
            Type functions = fixture.GetType("Tessera.Shipping.Fixture.Functions", throwOnError: true)!;
            var adder = (Func<int, int>)functions.GetMethod("MakeAdder")!.Invoke(null, [10])!;
            var twice = functions.GetMethod("Twice")!.CreateDelegate<Func<int, int>>();

            var shipper = new CodeShipper();
            byte[] closureBytes = shipper.EncodeFunction(TaskFunction.Create(adder));
            byte[] staticBytes = shipper.EncodeFunction(TaskFunction.Create(twice, "twice"));
            IReadOnlyList<ShippedAssembly> shipped = shipper.TakeNewAssemblies();
            ShippedAssembly fixtureEntry = Assert.Single(shipped, a => a.FullName == fixture.FullName);

            // The "worker": one loader for client c1, fetching bytes by hash.
            int fetchCount = 0;
            var store = shipped.ToDictionary(a => a.Hash, a => a.Bytes);
            var loader = new CodeLoader("c1", hash =>
            {
                Interlocked.Increment(ref fetchCount);
                return store[hash];
            });
            loader.AddManifest(shipped.Select(a => (a.FullName, a.Hash)));

            TaskFunction closure = loader.DecodeFunction(closureBytes);
            TaskFunction stat = loader.DecodeFunction(staticBytes);
            closureResult = (int)closure.Invoke([5])!;
            staticResult = (int)stat.Invoke([21])!;
            Type targetType = closure.Delegate.Target!.GetType();
            loadedInClientContext = AssemblyLoadContext.GetLoadContext(targetType.Assembly) == loader.LoadContext
                && loader.LoadContext != AssemblyLoadContext.Default
                && AssemblyLoadContext.GetLoadContext(stat.Delegate.Method.DeclaringType!.Assembly) == loader.LoadContext
                && fixtureEntry.Hash == CodeShipper.Hash(File.ReadAllBytes(FixturePath));
            fetches = fetchCount;

            var weak = new WeakReference(loader.LoadContext);
            loader.Dispose();
            return weak;
        }
        finally
        {
            clientSide.Unload();
        }
    }
}
