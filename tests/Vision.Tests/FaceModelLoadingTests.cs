using Hall.Tests.Shared;

namespace Hall.Vision.Tests;

/// <summary>A technician with a bad model file gets one exception type that says which file, what is wrong, and what to run.</summary>
public sealed class FaceModelLoadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hall-face-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_model_names_the_file_and_the_fetch_script()
    {
        var path = Path.Combine(_dir, BlazeFaceModel.Front.FileName);

        var error = Assert.Throws<FaceModelException>(() => new BlazeFaceDetector(path, BlazeFaceModel.Front));

        AssertActionable(error, path, "does not exist");
    }

    [Fact]
    public void A_few_random_bytes_are_reported_as_damaged()
    {
        var path = Path.Combine(_dir, BlazeFaceModel.Front.FileName);
        File.WriteAllBytes(path, [0x13, 0x37, 0xC0, 0xFF, 0xEE, 0x00, 0x42]);

        var error = Assert.Throws<FaceModelException>(() => new BlazeFaceDetector(path, BlazeFaceModel.Front));

        AssertActionable(error, path, "damaged");
    }

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        var path = Path.Combine(_dir, BlazeFaceModel.Front.FileName);
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<FaceModelException>(() => new BlazeFaceDetector(path, BlazeFaceModel.Front));

        AssertActionable(error, path, "is empty");
    }

    [Fact]
    public void Another_version_of_the_model_is_refused_by_its_hash()
    {
        var path = Path.Combine(_dir, BlazeFaceModel.Front.FileName);
        File.Copy(ModelFiles.PathOf(BlazeFaceModel.Back), path);

        var error = Assert.Throws<FaceModelException>(() => new BlazeFaceDetector(path, BlazeFaceModel.Front));

        AssertActionable(error, path, "not the expected version");
        Assert.Contains(BlazeFaceModel.Front.Sha256!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_hash_to_check_a_truncated_model_is_still_a_face_model_error()
    {
        var path = Path.Combine(_dir, BlazeFaceModel.Front.FileName);
        var whole = File.ReadAllBytes(ModelFiles.PathOf(BlazeFaceModel.Front));
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<FaceModelException>(
            () => new BlazeFaceDetector(path, BlazeFaceModel.Front with { Sha256 = null }));

        AssertActionable(error, path, "damaged");
    }

    [Fact]
    public void Without_a_hash_to_check_the_wrong_model_is_caught_by_its_tensor_shapes()
    {
        var backFile = ModelFiles.PathOf(BlazeFaceModel.Back);

        var error = Assert.Throws<FaceModelException>(
            () => new BlazeFaceDetector(backFile, BlazeFaceModel.Front with { Sha256 = null }));

        AssertActionable(error, backFile, "[1,128,128,3]");
    }

    private static void AssertActionable(FaceModelException error, string path, string what)
    {
        var fullPath = Path.GetFullPath(path);
        Assert.Equal(fullPath, error.ModelPath);
        Assert.Contains(fullPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("provisioning/scripts/fetch-models.sh", error.Message, StringComparison.Ordinal);
    }
}
