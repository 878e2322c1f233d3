using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

internal static class ShippingAssert
{
    public static T RoundTrip<T>(T value)
    {
        byte[] bytes = new CodeShipper().EncodeValue(value);
        return (T)CodeLoader.Default.DecodeValue(bytes)!;
    }

    public static TaskFunction RoundTrip(TaskFunction function)
    {
        byte[] bytes = new CodeShipper().EncodeFunction(function);
        return CodeLoader.Default.DecodeFunction(bytes);
    }
}
