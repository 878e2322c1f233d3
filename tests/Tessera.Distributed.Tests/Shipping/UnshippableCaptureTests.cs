using System.Linq.Expressions;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class UnshippableCaptureTests
{
    [Fact]
    public void FileStreamIsRefusedNamingTheField()
    {
        string path = Path.GetTempFileName();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 4096, FileOptions.DeleteOnClose);
        var function = TaskFunction.Create<int, long>(x => x + stream.Length, "MyF");
        var e = Assert.Throws<UnshippableCaptureException>(() => new CodeShipper().EncodeFunction(function));
        Assert.Equal("stream", e.FieldPath);
        Assert.Equal(typeof(FileStream), e.FieldType);
        Assert.StartsWith("Cannot ship field 'stream' (System.IO.FileStream) captured by 'MyF': streams, handles and threads belong to this process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationTokenSourceIsRefused()
    {
        using var cts = new CancellationTokenSource();
        var e = Assert.Throws<UnshippableCaptureException>(
            () => new CodeShipper().EncodeFunction(TaskFunction.Create<int, bool>(x => cts.IsCancellationRequested)));
        Assert.Equal("cts", e.FieldPath);
        Assert.Equal(typeof(CancellationTokenSource), e.FieldType);
    }

    [Fact]
    public void ThreadIsRefused()
    {
        Thread thread = Thread.CurrentThread;
        var e = Assert.Throws<UnshippableCaptureException>(
            () => new CodeShipper().EncodeFunction(TaskFunction.Create<int, int>(x => x + thread.ManagedThreadId)));
        Assert.Equal("thread", e.FieldPath);
    }

    [Fact]
    public void CompiledExpressionIsRefused()
    {
        ParameterExpression p = Expression.Parameter(typeof(int), "x");
        Func<int, int> compiled = Expression.Lambda<Func<int, int>>(Expression.Add(p, Expression.Constant(1)), p).Compile();
        var e = Assert.Throws<UnshippableCaptureException>(
            () => new CodeShipper().EncodeFunction(TaskFunction.Create<int, int>(x => compiled(x), "wrapped")));
        Assert.Equal("compiled", e.FieldPath);
        Assert.Contains("'compiled'", e.Message, StringComparison.Ordinal);

        Assert.Throws<UnshippableCaptureException>(() => new CodeShipper().EncodeFunction(TaskFunction.Create(compiled)));
    }

    [Fact]
    public void NestedFieldPathsAreReported()
    {
        using var stream = new MemoryStream();
        var holder = new HoldsStream(stream);
        var e = Assert.Throws<UnshippableCaptureException>(() => new CodeShipper().EncodeFunction(TaskFunction.Create(holder.Make(1))));
        Assert.Equal("this._stream", e.FieldPath);
        Assert.Equal(typeof(MemoryStream), e.FieldType);

        var e2 = Assert.Throws<UnshippableCaptureException>(() => new CodeShipper().EncodeValue(new Node { Payload = new object[] { 1, stream } }));
        Assert.Equal("Payload.[]", e2.FieldPath);
    }

    [Fact]
    public void PointersHandlesAndReflectionMembersAreRefused()
    {
        var shipper = new CodeShipper();
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(IntPtr.Zero));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(new ManualResetEvent(false)));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(Task.CompletedTask));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(typeof(string).GetMethod("Concat", [typeof(string), typeof(string)])));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(new System.Net.Http.HttpClient()));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue((Action<string>)File.Delete));
        Assert.Throws<UnshippableCaptureException>(() => shipper.EncodeValue(new FileInfo("x")));
    }

    [Fact]
    public void TypeValuesOutsideThePolicyAreRefused()
    {
        var e = Assert.Throws<UnshippableCaptureException>(() => new CodeShipper().EncodeValue(typeof(FileInfo)));
        Assert.Equal(typeof(FileInfo), e.FieldType);
        Assert.Equal(typeof(List<Point>[]), ShippingAssert.RoundTrip(typeof(List<Point>[])));
    }
}
