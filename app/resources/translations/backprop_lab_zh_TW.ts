<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="+45"/>
        <source>Starting from random weights instead.</source>
        <extracomment>The lesson&apos;s defaults for training on from the pretrained weights: plain gradient descent. η = 1, not the 3 that trains a fresh network well: the pretrained weights sit in a narrower valley (Adam made them), where one epoch at η = 3 jumped the loss from 0.07 to 0.34 at step 132 (the banner came up); at η = 1 three epochs went 92.2 → 93.6 % without one. Shown after the reason the pretrained model could not be loaded.</extracomment>
        <translation>改用隨機權重從頭開始。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+29"/>
        <source>Backprop Lab</source>
        <translation>反向傳播實驗室</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <location filename="../../ui/evaluation/confusion.py" line="+82"/>
        <source>Confusion matrix</source>
        <extracomment>Tiles in a cell&apos;s list: a screenful or two; more is &quot;N more&quot;.</extracomment>
        <translation>混淆矩陣</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>True %1, answered %2: %3 of the %4 images of %1 (%5 %). Click to see them.</source>
        <translation>真實為 %1、答成 %2：%1 的 %4 張圖片中有 %3 張（%5 %）。點一下即可查看。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>answer →</source>
        <translation>回答 →</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>true digit →</source>
        <translation>真實數字 →</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <location filename="../../ui/controls/run_box.py" line="+101"/>
        <source>Training</source>
        <extracomment>Play&apos;s speed at the start: a pace a class can follow. Unlimited ran 1,700–6,000 steps/s and the whole visible learning was over in the first second, before anyone could look.</extracomment>
        <translation>訓練</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../ui/stage.py" line="+236"/>
        <location line="+55"/>
        <source>Step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each step learns from</source>
        <translation>每一步學習</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>one example</source>
        <translation>一個樣本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one mini-batch</source>
        <translation>一個小批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one epoch</source>
        <translation>一個訓練週期</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reset weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location filename="../../ui/controls/hyper_box.py" line="+92"/>
        <source>Hyperparameters</source>
        <translation>超參數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>學習率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Optimizer</source>
        <translation>最佳化器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>動量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../ui/controls/run_box.py" line="-33"/>
        <source>Train continuously (Space); press again to pause. Try it at 1 step/s to narrate each step, then at full speed to watch the loss fall.</source>
        <translation>連續訓練（空白鍵），再按一次暫停。試試每秒 1 步，邊走邊講解；再用全速看損失下降。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Take one step (→): one example, one mini-batch, or the rest of the epoch. Try one example and watch which weights move.</source>
        <translation>走一步（→）：一個樣本、一個小批次，或這個訓練週期剩下的部分。試試一個樣本，看看哪些權重在動。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>How much one Step learns from. Try one example to see a single digit pull the weights, then one epoch to see the whole data set at once.</source>
        <translation>「走一步」一次從多少資料學習。試試一個樣本，看單一數字如何拉動權重；再試一個訓練週期，一次看完整個資料集。</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Speed limit of Play. Try 1 step/s while explaining the five numbers; unlimited to train in earnest.</source>
        <translation>「播放」的速度上限。講解那五個數字時試試每秒 1 步；要認真訓練就選「不限」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train as fast as this computer can. Try it after a few slow steps: the loss falls in seconds</source>
        <translation>讓這台電腦以最快速度訓練。先慢慢走幾步，再試試全速：損失幾秒內就會下降</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start again from random (seeded) weights: the untrained network. Try it after changing the learning rate to compare two runs from the same start.</source>
        <translation>從隨機（固定種子）權重重新開始，也就是未訓練的網路。改了學習率後試試看，比較從同一起點出發的兩次訓練。</translation>
    </message>
    <message>
        <location filename="../../ui/controls/hyper_box.py" line="-20"/>
        <source>Learning rate η: how far each step moves the weights. Try 5 and watch the landscape overshoot; try 0.01 and watch it crawl.</source>
        <translation>學習率 η：每一步把權重移動多遠。試試 5，看它在損失地形上衝過頭；試試 0.01，看它慢慢爬。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Examples averaged per step. Try 1 and watch the loss curve jitter; try 100 and it smooths out, but each step takes longer.</source>
        <translation>每一步平均幾個樣本。試試 1，看損失曲線抖動；試試 100，曲線變平滑，但每一步要花更久。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>How a gradient becomes a change of the weights. Try Adam with a learning rate of 0.003 and compare its loss curve with plain gradient descent.</source>
        <translation>梯度如何變成權重的改變量。試試 Adam 搭配學習率 0.003，把它的損失曲線和一般的梯度下降比較。</translation>
    </message>
    <message>
        <location filename="../../ui/controls/network_box.py" line="+103"/>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How each hidden neuron squashes its weighted sum. Try ReLU: it often learns faster, but a learning rate too large leaves neurons dead.</source>
        <translation>每個隱藏層神經元如何壓縮它的加權總和。試試 ReLU：通常學得比較快，但學習率太大會讓神經元死亡。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>squared error</source>
        <translation>平方誤差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Squared error, with sigmoid outputs</source>
        <translation>平方誤差，搭配 sigmoid 輸出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cross-entropy, with softmax outputs</source>
        <translation>交叉熵，搭配 softmax 輸出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How wrong an answer counts. Try cross-entropy: a confident wrong answer costs much more, so the network learns faster from its mistakes.</source>
        <translation>答錯要算多少損失。試試交叉熵：很有把握卻答錯的代價大得多，所以網路能更快從錯誤中學習。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add a hidden layer (up to 4). Try a second layer and compare the accuracy.</source>
        <translation>增加一個隱藏層（最多 4 層）。試試加第二層，比較準確率。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove the last hidden layer. Try a single layer: does it still learn?</source>
        <translation>移除最後一個隱藏層。試試只有一層：它還學得會嗎？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rebuild the network with these hidden layers (asks first: weights reset). Try 2 neurons, then 64, and watch the weight count.</source>
        <translation>用這些隱藏層重建網路（會先詢問：權重將重設）。試試 2 個神經元，再試 64 個，看看權重的數量。</translation>
    </message>
    <message>
        <location filename="../../ui/controls/experiments_box.py" line="+265"/>
        <source>Experiments</source>
        <extracomment>Weight decay&apos;s up/down arrows step by decades between these (below the lowest is 0, off). The augmentation preview: this many moved copies of the image, each this many pixels wide.</extracomment>
        <translation>實驗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight decay, schedule, augmentation</source>
        <translation>權重衰減、排程、資料擴增</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show or hide what to experiment with while training. Try them once the validation loss starts to rise.</source>
        <translation>顯示或隱藏訓練時可以實驗的設定。驗證損失開始上升時就來試試。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weight decay</source>
        <translation>權重衰減</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 weight decay λ: every step also pulls each weight a little towards 0, so the network cannot lean on single pixels. Try 0.0001 when the validation loss rises; try 0.1 and watch it forget everything.</source>
        <translation>L2 權重衰減 λ：每一步也會把每個權重往 0 拉一點，讓網路不能只依賴個別像素。驗證損失上升時試試 0.0001；試試 0.1，看它把學到的全忘光。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rate schedule</source>
        <translation>學習率排程</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>constant</source>
        <translation>固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step (drops)</source>
        <translation>階梯（分段下降）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine (glides down)</source>
        <translation>餘弦（平滑下降）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How the learning rate changes as the epochs pass. Try step or cosine with a large rate: big strides first, careful ones at the end.</source>
        <translation>學習率隨訓練週期如何變化。用較大的學習率試試「階梯」或「餘弦」：先大步走，最後小心慢走。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drop every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source> epochs</source>
        <translation> 個週期</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Multiply the rate by the factor every this many epochs. Try 1 to see the loss curve change pace at each epoch mark.</source>
        <translation>每隔這麼多個訓練週期，就把學習率乘上倍率。試試 1，看損失曲線在每個訓練週期的標記處改變步調。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Factor</source>
        <translation>倍率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What each drop multiplies the rate by. Try 0.5 to halve it; 1 never drops.</source>
        <translation>每次下降時學習率要乘上的數。試試 0.5 讓它減半；1 則永不下降。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Glide over</source>
        <translation>下降歷時</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Epochs the rate takes to glide down to the floor, along half a cosine. Try the number of epochs you mean to train.</source>
        <translation>學習率沿著半個餘弦曲線降到下限所需的訓練週期數。試試你打算訓練的週期數。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Floor</source>
        <translation>下限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the glide ends, as a share of the rate: 0.01 ends at a hundredth. Try 0 to stop learning completely at the end.</source>
        <translation>下降的終點，以占學習率的比例表示：0.01 表示停在百分之一。試試 0，讓最後完全停止學習。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Augmentation (0 = off)</source>
        <translation>資料擴增（0 = 關閉）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Move each training image up to this many pixels every time it is seen. Try 2: the network learns the shape of a digit, not where it sits.</source>
        <translation>每次用到一張訓練圖片時，隨機移動最多這麼多像素。試試 2：網路會學數字的形狀，而不是它的位置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rotation</source>
        <translation>旋轉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Turn each training image up to this many degrees either way. Try 10 for slanted handwriting; try 45 and watch a 6 start to look like a 9.</source>
        <translation>把每張訓練圖片向左或向右旋轉最多這麼多度。試試 10，應付歪斜的字跡；試試 45，看 6 開始像 9。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Size</source>
        <translation>縮放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make each training image up to this much larger or smaller. Try 10 % for digits drawn big or small.</source>
        <translation>把每張訓練圖片放大或縮小最多這麼多。試試 10 %，應付寫得偏大或偏小的數字。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stroke</source>
        <translation>筆畫</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make the strokes up to this many pixels thicker or thinner. Try 1 so that felt-pen and pencil digits both read well.</source>
        <translation>讓筆畫變粗或變細最多這麼多像素。試試 1，讓簽字筆和鉛筆寫的數字都認得出來。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Noise</source>
        <translation>雜訊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add random grain to every pixel (its standard deviation). Try 0.1 for a grainy camera; try 0.5 and the digits vanish for us too.</source>
        <translation>在每個像素加上隨機雜點（此值為標準差）。試試 0.1，像畫質粗糙的相機；試試 0.5，連我們都看不到數字了。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>One training image moved by the ranges above, three times at random. Try a large rotation and see how far a digit may turn.</source>
        <translation>一張訓練圖片依上面的範圍隨機變動三次。試試大角度旋轉，看數字可能轉多遠。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move the preview image again at random. Try it a few times to see the range.</source>
        <translation>再隨機變動一次預覽圖片。多按幾次，看看變動的範圍。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The labels never change: a moved 7 is still labelled 7.</source>
        <translation>標籤永遠不變：移動過的 7 標籤仍是 7。</translation>
    </message>
    <message>
        <location filename="../../ui/controls/network_box.py" line="-45"/>
        <source>Loss</source>
        <translation>損失函數</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Hidden layers</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ layer</source>
        <translation>+ 一層</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>− layer</source>
        <translation>− 一層</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply layers…</source>
        <translation>套用隱藏層…</translation>
    </message>
    <message>
        <location filename="../../ui/controls/run_box.py" line="+47"/>
        <location filename="../../ui/stage.py" line="+236"/>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/stage.py" line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../ui/controls/panel.py" line="+122"/>
        <source>unlimited</source>
        <extracomment>Keys of ``apply_changes`` that are not Hyperparameters fields.</extracomment>
        <translation>不限</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n step(s)/s</source>
        <translation>
            <numerusform>每秒 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/controls/network_box.py" line="+16"/>
        <source>Neurons in this hidden layer (1–128). Try 4 and see how few features are enough to read most digits.</source>
        <translation>這個隱藏層的神經元數（1–128）。試試 4，看看只要幾個特徵就能認出大部分數字。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 weights and biases</source>
        <translation>%1 個權重和偏差</translation>
    </message>
</context>
<context>
    <name>DataExplorer</name>
    <message>
        <location filename="../../ui/data_explorer.py" line="+389"/>
        <source>No training data yet: it is shown here as soon as it is loaded.</source>
        <extracomment>Images of one digit on one page of the grid. The picker&apos;s id for &quot;the class&apos;s drawings&quot; (0–9 are the digits). Grey of the one-pixel lines between tiles: the grid grey, a shade darker to show on white. The counts shown, shape (10,). For each digit, the indices of its images, ascending, shape (counts[d],). Images per digit, np.bincount of the labels, shape (10,). Each digit&apos;s mean image in the images&apos; own scale, shape (10, 28, 28); 0 for none. Indices of the class&apos;s drawings, ascending, shape (D,).</extracomment>
        <translation>還沒有訓練資料：載入後就會顯示在這裡。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training data: %1 · %2 images, %3 of them drawn by the class</source>
        <translation>訓練資料：%1 · %2 張圖片，其中 %3 張是全班寫的</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show every image of the digit %1, a page at a time</source>
        <translation>逐頁顯示數字 %1 的所有圖片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>class drawings (%1)</source>
        <translation>全班寫的字（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The digits the class drew and taught: review them, delete the wrong ones</source>
        <translation>全班寫下並教給網路的數字：檢查一遍，刪除錯誤的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous page</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The average image of each digit, and how many there are</source>
        <translation>每個數字的平均圖片，以及各有幾張</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each picture is all images of that digit laid on top of each other. Click one to see its images.</source>
        <translation>每張圖都是該數字的所有圖片疊在一起的樣子。點一張就能看它的圖片。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the selected drawings out of the training data</source>
        <translation>把選取的手寫字從訓練資料中移除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a drawing to select it; Ctrl or Shift + click selects several</source>
        <translation>點一下選取手寫字；按住 Ctrl 或 ⇧ 再點可選取多個</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The network reads %1 of the class&apos;s %2 drawings as taught (%3).</source>
        <translation>網路把全班 %2 張手寫中的 %1 張認成教它的數字（%3）。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>No training data yet.</source>
        <translation>還沒有訓練資料。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No images of the digit %1 in this data.</source>
        <translation>這份資料中沒有數字 %1 的圖片。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>digit %1 · page %2 of %3 · images %4–%5 of %6</source>
        <translation>數字 %1 · 第 %2／%3 頁 · 第 %4–%5 張，共 %6 張</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No drawings from the class yet. To add one, draw a digit on the pad, choose what it is and press &apos;Teach it&apos;.</source>
        <translation>全班還沒有寫任何字。要新增的話，在手寫板上寫一個數字，選好它是哪個數字，再按「教它」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 drawings by the class, each with the digit it was taught as. Select the wrong ones and press Delete.</source>
        <translation>全班寫了 %1 個字，各自標上教給網路的數字。選取錯誤的字，再按「刪除」。</translation>
    </message>
</context>
<context>
    <name>DescentPanel</name>
    <message>
        <location filename="../../ui/descent_panel.py" line="+85"/>
        <source>Gradient descent, last step: change = η × (−gradient)</source>
        <extracomment>What a cell says before the first step: only (1), the value, is known yet. A dash read as a minus sign on the projector; a question mark asks what the step will bring.</extracomment>
        <translation>梯度下降的上一步：改變量 = η × (−梯度)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(1) value</source>
        <translation>（1）值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The weight&apos;s current value</source>
        <translation>權重目前的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(2) gradient</source>
        <translation>（2）梯度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How the loss changes as this weight grows</source>
        <translation>這個權重變大時，損失怎麼變化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(3) η</source>
        <translation>（3）η</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The learning rate η</source>
        <translation>學習率 η</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(4) change</source>
        <translation>（4）改變量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The change: η × (−gradient)</source>
        <translation>改變量：η × (−梯度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(5) new value</source>
        <translation>（5）新值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The new value: value + change</source>
        <translation>新值：值 + 改變量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take a step to see the five numbers. Click an edge in the graph to watch it.</source>
        <translation>走一步就會看到這五個數字。點選網路圖中的一條連線來觀察它。</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <location filename="../../ui/drawing_pad.py" line="+132"/>
        <source>Drawing pad</source>
        <extracomment>Side of the paper in canvas pixels: MNIST&apos;s 28 × 10. MNIST scaled every digit into a 20×20 box inside its 28×28 field; ×10 that is a 200 px box with a 40 px margin. The guide shows it, so a digit drawn inside it is about MNIST&apos;s size. MNIST strokes are 2–3 px wide on a 20 px tall digit. A digit drawn to fill the 200 px guide is scaled by 20/200 on its way to the network, so 20 px here arrives as MNIST&apos;s 2 px, and the grey edges from anti-aliasing widen it towards MNIST&apos;s median of 2.6. At most ~60 ``drawing_changed`` a second while a stroke is drawn: a screen refreshes no faster, and a 1 kHz mouse would otherwise run the network a thousand times a second. Points closer than this (canvas px) to the previous one add nothing visible and only make the stroke slower to paint again. The eraser end of a pen is wider than the ink: rubbing out should be easier than drawing.</extracomment>
        <translation>手寫板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke</source>
        <translation>復原上一筆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the pad (Esc)</source>
        <translation>清除手寫板（Esc）</translation>
    </message>
    <message>
        <location line="+340"/>
        <source>Draw a digit here</source>
        <translation>在這裡寫一個數字</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <location filename="../../ui/evaluation/view.py" line="+183"/>
        <source>Refresh</source>
        <extracomment>The set to measure on changed (an index of ``set_choices``&apos; names). What is shown: the evaluation and its images (N, 28, 28), uint8 or float in [0, 1].</extracomment>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The images to measure on. The test folder&apos;s digits were never trained on: compare its accuracy with the validation set&apos;s.</source>
        <translation>要用哪些圖片來評估。測試資料夾的數字從未用來訓練：拿它的準確率和驗證集比比看。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Measure again with the current weights. It is also measured after every epoch; press it after a few steps to see what they changed.</source>
        <translation>用目前的權重重新評估。每個訓練週期結束後也會自動評估；走幾步後按一下，看看這幾步改變了什麼。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Share of all the images the network reads right (its accuracy).</source>
        <translation>網路認對的圖片占全部的比例（準確率）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Refresh to measure how well the network reads the validation digits: its accuracy for each digit, the digits it mixes up and its worst mistakes.</source>
        <translation>按「重新整理」來評估網路辨識驗證集數字的表現：每個數字的準確率、它會搞混的數字，以及它最嚴重的錯誤。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Per digit</source>
        <translation>各數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often each digit is read right</source>
        <translation>每個數字被認對的比例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confusion</source>
        <translation>混淆矩陣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which digits are mistaken for which: click a cell to see its images</source>
        <translation>哪些數字被誤認成哪些：點一格就能看它的圖片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mistakes</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wrong answers the network was surest of</source>
        <translation>網路最有把握卻答錯的圖片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>I don&apos;t know</source>
        <translation>我不知道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the network say &quot;I don&apos;t know&quot; when it is unsure</source>
        <translation>讓網路沒把握時說「我不知道」</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Robustness</source>
        <translation>穩健性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy on noisy, turned, moved and thinner or thicker digits</source>
        <translation>數字加了雜訊、旋轉、平移或筆畫變粗變細時的準確率</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>measuring… %1 %</source>
        <translation>量測中… %1 %</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/per_digit.py" line="+67"/>
        <source>Share of each digit&apos;s images read right. Dashed: all digits together. —: the digit is not in this set.</source>
        <translation>每個數字的圖片被認對的比例。虛線：所有數字合計。—：這組資料中沒有這個數字。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A short bar is a digit the network finds hard: find its row in the confusion matrix to see what it takes it for.</source>
        <translation>長條短的數字是網路覺得難的：在混淆矩陣中找到它那一列，看它被誤認成什麼。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>digit</source>
        <translation>數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>% right</source>
        <translation>答對率 %</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/confusion.py" line="+76"/>
        <source>Rows: the true digit. Columns: the network&apos;s answer. Blue diagonal: right answers; orange: mistakes, darker for a larger share of the row. Click a cell to see its images.</source>
        <extracomment>The chosen cell (true digit, answer), kept across evaluations, and its examples.</extracomment>
        <translation>列：真實數字。行：網路的回答。藍色對角線：答對；橘色：答錯，占該列的比例越大顏色越深。點一格就能看它的圖片。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click an image to send it through the network in the graph.</source>
        <translation>點一張圖片，讓它在網路圖中通過網路。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/mistakes.py" line="+42"/>
        <source>Under each image: its ten outputs (blue the true digit, orange the answer). Click one to watch the network read it in the graph.</source>
        <extracomment>Tiles in the mistakes gallery: a screenful or two; more is &quot;N more&quot;. Every mistake of the evaluation, wrongest first (indices into its images).</extracomment>
        <translation>每張圖片下方：它的十個輸出（藍色是真實數字，橘色是回答）。點一張，在網路圖中看網路如何讀它。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/abstain.py" line="+78"/>
        <source>Say &quot;I don&apos;t know&quot; below</source>
        <extracomment>Thresholds of the &quot;I don&apos;t know&quot; curve: every whole percent, as the slider has.</extracomment>
        <translation>低於此值就說「我不知道」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network answers only when its share for the answer is at least this. Raise it to 90 %: fewer answers, but more of them right.</source>
        <translation>網路只在對答案的把握至少這麼高時才回答。調高到 90 %：回答變少，但答對的比例更高。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Confidence threshold</source>
        <translation>信心門檻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Across all thresholds: orange, the share of images it still answers; blue, the share of those answers that are right. The black line is the slider.</source>
        <translation>所有門檻下的情形：橘色是仍會回答的圖片比例；藍色是這些回答中答對的比例。黑線是滑桿的位置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>threshold (% sure)</source>
        <translation>門檻（把握 %）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answered</source>
        <translation>有回答</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>right of those</source>
        <translation>其中答對</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/robustness.py" line="+274"/>
        <source>Compute robustness</source>
        <extracomment>&quot;Compute robustness&quot; was pressed. The four panels by kind, made the first time the page is shown or has curves (their four plots took 42 of the view&apos;s 71 ms to make).</extracomment>
        <translation>計算穩健性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Damage every evaluation image step by step (noise, rotation, shift, stroke width) and measure the accuracy at each step. Takes several seconds.</source>
        <translation>逐步破壞每張評估圖片（雜訊、旋轉、平移、筆畫粗細），並測量每一步的準確率。需要幾秒鐘。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/view.py" line="+3"/>
        <source>measuring…</source>
        <translation>評估中…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/abstain.py" line="+28"/>
        <location filename="../../ui/evaluation/view.py" line="+10"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/view.py" line="+1"/>
        <source>right on the %1</source>
        <translation>%1的答對率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weights of step %1</source>
        <translation>第 %1 步的權重</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tiles.py" line="+137"/>
        <source>%1 % sure</source>
        <extracomment>Where a tile keeps the index of its example in the evaluated set.</extracomment>
        <translation>把握 %1 %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>answer %1 · true %2</source>
        <translation>回答 %1 · 真實 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Image %1 of the set. Outputs: %2. Click to send it through the network.</source>
        <translation>資料集中的第 %1 張圖片。輸出：%2。點一下讓它通過網路。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/confusion.py" line="+41"/>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>點矩陣中的一格，看它的圖片。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No image of %1 was answered %2.</source>
        <translation>沒有任何 %1 被答成 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%3 images of %1 read right, most confident first.</source>
        <translation>%3 張 %1 被認對，最有把握的排在前面。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%3 images of %1 answered %2, most confident (wrongest) first.</source>
        <translation>%3 張 %1 被答成 %2，最有把握（錯得最離譜）的排在前面。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>and %1 more not shown</source>
        <translation>還有 %1 張未顯示</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/mistakes.py" line="+28"/>
        <source>No mistakes: every image is read right.</source>
        <translation>沒有錯誤：每張圖片都認對了。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 mistakes in %2 images, wrongest first: the network was surest of these wrong answers. Click one to watch it go through the network.</source>
        <translation>%2 張圖片中有 %1 個錯誤，錯得最離譜的排在前面：網路對這些錯誤答案最有把握。點一張，看它通過網路。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>and %1 more mistakes not shown</source>
        <translation>還有 %1 個錯誤未顯示</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/abstain.py" line="+7"/>
        <source>Answers none of the images: it says &quot;I don&apos;t know&quot; to every one.</source>
        <translation>一張也沒有回答：每一張都說「我不知道」。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Answers %1 % of the images (%2 of %3); %4 % of those are right.</source>
        <translation>回答了 %1 % 的圖片（%3 張中的 %2 張）；其中 %4 % 答對。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/robustness.py" line="+66"/>
        <source>computing… %1 %</source>
        <translation>計算中… %1 %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>computing… (several seconds)</source>
        <translation>計算中…（需要幾秒鐘）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measured with the weights of step %1.</source>
        <translation>以第 %1 步的權重測量。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>computing…</source>
        <translation>計算中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press &quot;Compute robustness&quot; to see how the accuracy falls as the images get noisy, turned, moved, or written with a thinner or thicker pen.</source>
        <translation>按「計算穩健性」，看圖片加了雜訊、旋轉、平移，或用更細、更粗的筆寫時，準確率會怎麼下降。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../ui/file_actions.py" line="+54"/>
        <source>Open session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab model (*.npz)</source>
        <translation>反向傳播實驗室模型 (*.npz)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening %1…</source>
        <translation>正在開啟 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folder with MNIST IDX files</source>
        <translation>含有 MNIST IDX 檔案的資料夾</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+21"/>
        <source>Cannot use this folder</source>
        <translation>無法使用這個資料夾</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>A folder with the MNIST test files (t10k-…)</source>
        <translation>含 MNIST 測試檔（t10k-…）的資料夾</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.svg)</source>
        <translation>圖片 (*.png *.svg)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloading MNIST (about 11 MB)…</source>
        <translation>正在下載 MNIST（約 11 MB）…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Downloading %1…</source>
        <translation>正在下載 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download failed</source>
        <translation>下載失敗</translation>
    </message>
</context>
<context>
    <name>GuidedTour</name>
    <message>
        <location filename="../../ui/guided_tour.py" line="+202"/>
        <source>The network, live</source>
        <extracomment>Whether ``TOUR_LEARNING_RATE`` makes the current network explode (checked by ``start``, by a trial on a copy; False until then).</extracomment>
        <translation>即時的網路</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every line is a weight: blue positive, orange negative, darker is stronger. Hover a neuron for its numbers; click a line to watch it.</source>
        <translation>每條線都是一個權重：藍色為正、橘色為負，顏色越深越強。滑鼠移到神經元上可看它的數值；點一條線就能觀察它。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draw a digit</source>
        <translation>寫一個數字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw a digit here: the network reads it as you draw. Its answer and how sure it is appear just below.</source>
        <translation>在這裡寫一個數字：網路會邊寫邊讀。它的答案和把握程度就顯示在正下方。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Train it</source>
        <translation>訓練它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Press Play (Space) to train, or Step (→) to learn from one mini-batch. Try a learning rate of 10 and see what happens.</source>
        <translation>按「播放」（空白鍵）開始訓練，或按「走一步」（→）從一個小批次學習。試試學習率 10，看看會發生什麼事。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Press Play (Space) to train, or Step (→) to learn from one mini-batch, and watch the loss fall. The learning rate sets how far each step goes.</source>
        <translation>按「播放」（空白鍵）開始訓練，或按「走一步」（→）從一個小批次學習，看看損失如何下降。學習率決定每一步走多遠。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower is better: watch the loss fall while the network learns.</source>
        <translation>越低越好：看網路學習時損失如何下降。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One step of gradient descent</source>
        <translation>梯度下降的一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The five numbers of the last step for two watched weights: value, gradient, learning rate, change and new value.</source>
        <translation>兩個觀察中的權重在上一步的五個數字：值、梯度、學習率、改變量和新值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Walk downhill</source>
        <translation>往下坡走</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Loss landscape tab (Ctrl+2) maps the loss over two weights, with the path descent took. F1 lists every shortcut; F5 is presenter mode.</source>
        <translation>「損失地形」分頁（Ctrl+2）畫出兩個權重上的損失，以及梯度下降走過的路徑。F1 列出所有快速鍵；F5 是簡報模式。</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>step %1 of %2</source>
        <translation>第 %1／%2 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>HintsPanel</name>
    <message>
        <location filename="../../ui/hints_panel.py" line="+147"/>
        <source>The loss exploded: the numbers overflowed. The learning rate %1 is far too large; try a smaller one, such as %2.</source>
        <extracomment>One frame per hint shown, in order: its sentence label and its buttons.</extracomment>
        <translation>損失爆炸了：數值溢位。學習率 %1 太大了；試試小一點的，例如 %2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loss is climbing back up (now %3, its lowest was %4): the learning rate %1 is too large, so steps overshoot the valley. Try a smaller one, such as %2.</source>
        <translation>損失又往上爬（現在是 %3，最低曾到 %4）：學習率 %1 太大，每一步都衝過了谷底。試試小一點的，例如 %2。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Over the last %1 epochs the validation accuracy went up and down between %2 % and %3 % without getting better: the learning rate %4 is too large, so steps overshoot and undo what was learned. Try a smaller one, such as %5.</source>
        <translation>最近 %1 個訓練週期，驗證準確率在 %2 % 到 %3 % 之間上下跳動，卻沒有變好：學習率 %4 太大，每一步都衝過頭，把學到的又抵銷掉。試試小一點的，例如 %5。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%2 % of the neurons in hidden layer %1 are dead: their weighted sum is never above 0, so no gradient reaches them and they have stopped learning. Try resetting the weights, or a smaller learning rate.</source>
        <translation>隱藏層 %1 有 %2 % 的神經元死亡：它們的加權總和從不大於 0，梯度傳不到它們，已經停止學習。試試重設權重，或調低學習率。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%2 % of the neurons in hidden layer %1 are saturated: stuck at a limit where the slope is almost 0, they have stopped learning. Try resetting the weights, another activation, or a smaller learning rate.</source>
        <translation>隱藏層 %1 有 %2 % 的神經元飽和：卡在斜率幾乎為 0 的極限，已經停止學習。試試重設權重、換一種啟動函數，或調低學習率。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The loss has barely moved in the last %1 steps (it fell %2 %): the learning rate %3 is probably too small, so each step crawls. Try a larger one, such as %4.</source>
        <translation>最近 %1 步損失幾乎沒變（只下降 %2 %）：學習率 %3 可能太小，每一步都走得很慢。試試大一點的，例如 %4。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The validation loss has risen for %1 epochs while the training loss kept falling: the network is memorising the training digits instead of learning to read (overfitting). Try weight decay, or augmentation.</source>
        <translation>驗證損失已連續 %1 個訓練週期上升，訓練損失卻持續下降：網路在死背訓練資料的數字，而不是學會辨識（過度擬合）。試試權重衰減或資料擴增。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training shows something unusual (%1).</source>
        <translation>訓練出現不尋常的狀況（%1）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>After %1 steps the network still reads the digits no better than guessing: validation accuracy %2 %, where guessing gets %3 %.</source>
        <translation>走了 %1 步之後，網路認數字仍然跟亂猜差不多：驗證準確率 %2 %，亂猜也有 %3 %。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>After %1 steps the network still does no better than guessing: its loss stays at %2, and an answer that ignores the image gets %3.</source>
        <translation>走了 %1 步之後，網路仍然跟亂猜差不多：損失停在 %2，而完全不看圖片的答案也能得到 %3。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Its neurons are stuck (dead or saturated) and pass almost no gradient back, which too large a learning rate usually causes. Try resetting the weights with a smaller learning rate, such as %1.</source>
        <translation>它的神經元卡住了（死掉或飽和），幾乎傳不回任何梯度，這通常是學習率太大造成的。試試用較小的學習率（例如 %1）重設權重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its gradients are still as large as at the start: the learning rate %2 is too small for the steps to get anywhere. Try a larger one, such as %1.</source>
        <translation>它的梯度仍然和一開始一樣大：學習率 %2 太小，每一步都走不到哪裡去。試試大一點的，例如 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If the learning rate %2 is large, its neurons have probably died or saturated: try resetting the weights with a smaller one, such as %1. If it is small, try a larger one.</source>
        <translation>如果學習率 %2 很大，它的神經元大概已經死掉或飽和：試試用較小的學習率（例如 %1）重設權重。如果學習率很小，就試試大一點的。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set the learning rate to %1</source>
        <translation>把學習率設為 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set weight decay to %1</source>
        <translation>把權重衰減設為 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch on augmentation</source>
        <translation>開啟資料擴增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch to %1</source>
        <translation>改用 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, </source>
        <extracomment>Between two changes of one button: &quot;Reset the weights, Set the learning rate to 0.1&quot;.</extracomment>
        <translation>，</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show hints</source>
        <translation>顯示提示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hints read the loss curve and the neurons and say what to try. Switch them off to let the class find the problem first.</source>
        <translation>提示會解讀損失曲線和神經元，建議可以試什麼。關掉提示，讓全班先自己找出問題。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No hints: training looks healthy.</source>
        <translation>沒有提示：訓練看起來很健康。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Start again from new random weights; the history is cleared.</source>
        <translation>從新的隨機權重重新開始；訓練紀錄會清除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make this change now; it applies at the next step. Try it and watch.</source>
        <translation>現在就做這個改變，從下一步開始生效。試試看並觀察。</translation>
    </message>
</context>
<context>
    <name>LandscapeController</name>
    <message>
        <location filename="../../ui/landscape_controller.py" line="+83"/>
        <source>Click two edges in the graph to choose two weights.</source>
        <extracomment>While training, the loss landscape is recomputed at most this often (and only when visible). The five numbers of the lesson&apos;s step on the map (None until its map is shown).</extracomment>
        <translation>在網路圖中點選兩條連線，選出兩個權重。</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <location filename="../../ui/landscape_view.py" line="+44"/>
        <source>path so far</source>
        <translation>目前為止的路徑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>動量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>too small</source>
        <extracomment>The lesson&apos;s learning-rate regimes (``LessonPreset.learning_rate_regimes``), by name.</extracomment>
        <translation>太小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>good</source>
        <translation>剛好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>far too large</source>
        <translation>大太多</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>direction 1</source>
        <extracomment>Axis names the planes give (``app.core.landscape``): the random plane&apos;s, and the PCA plane&apos;s with the share of the movement each direction explains.</extracomment>
        <translation>方向 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <location line="+209"/>
        <source>Two chosen weights</source>
        <translation>選定的兩個權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random directions (Li et al.)</source>
        <translation>隨機方向（Li 等人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main directions of the path (PCA)</source>
        <translation>路徑的主要方向（PCA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lesson: a model of two weights</source>
        <translation>課堂範例：只有兩個權重的模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ui/scenes.py" line="+505"/>
        <source>Which slice of the loss to draw. Click two edges in the graph to choose the two weights.</source>
        <translation>要畫出損失的哪一個切面。在網路圖中點選兩條連線，選出那兩個權重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute</source>
        <translation>重新計算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw the map again for the weights as they are now. Try it after a few steps: the valley moves as the network learns.</source>
        <translation>用目前的權重重新畫出地形圖。走幾步後試試看：網路學習時，山谷會跟著移動。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid</source>
        <translation>網格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid points along each axis.</source>
        <translation>每個軸上的網格點數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>範圍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far the map reaches from the current point.</source>
        <translation>地形圖從目前的點往外延伸多遠。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample</source>
        <translation>樣本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training examples the loss is averaged over (a fixed sample: no flicker).</source>
        <translation>損失對幾個訓練樣本取平均（樣本固定，畫面不會閃動）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log</source>
        <translation>對數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by the logarithm of the loss.</source>
        <translation>依損失的對數上色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate η for the lesson: too small crawls, too large zig-zags.</source>
        <translation>課堂範例的學習率 η：太小走得很慢，太大會來回震盪。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set η = %1</source>
        <translation>設定 η = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare optimizers</source>
        <translation>比較最佳化器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gradient descent, momentum and Adam from the same start, on one map.</source>
        <translation>梯度下降、動量和 Adam 從同一個起點出發，畫在同一張圖上。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>PC %1 (%2 of the movement)</source>
        <translation>主成分 %1（占移動量的 %2）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PC %1 (%2)</source>
        <translation>主成分 %1（%2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1. current (%1) = %2</source>
        <translation>1. 目前的 (%1) = %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. gradient = %1; negative gradient = %2</source>
        <translation>2. 梯度 = %1；負梯度 = %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>3. learning rate η = %1</source>
        <translation>3. 學習率 η = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. change = %1</source>
        <translation>4. 改變量 = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5. new (%1) = %2</source>
        <translation>5. 新的 (%1) = %2</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The loss is not finite anywhere on this map.</source>
        <translation>這張地形圖上每一點的損失都不是有限值。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>log₁₀ loss</source>
        <translation>log₁₀ 損失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open this tab to compute the landscape.</source>
        <translation>打開這個分頁就會計算損失地形。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../ui/scenes.py" line="-6"/>
        <source>Yellow: downhill (−gradient) direction. Red: the next step, η × −gradient.</source>
        <translation>黃色：下坡（−梯度）方向。紅色：下一步，η × −梯度。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(%1 s)</source>
        <translation>（%1 秒）</translation>
    </message>
</context>
<context>
    <name>LayerHealthView</name>
    <message>
        <location filename="../../ui/layer_health_view.py" line="+238"/>
        <source>Gradient size per layer</source>
        <extracomment>Where the weight layers&apos; colours are taken from viridis, input side first: dark to light, in the order of the layers, and never viridis&apos;s pale yellow end, which vanishes on white. A long run&apos;s gradient sizes are drawn as a trailing mean over 1/this of their points, in log space: one mini-batch&apos;s gradient is noisy, and 15,000 steps drew three bands of spikes on the stage. Over 1/50 (12 of 629 records) they were still jagged at 1280×720; over 1/20 each layer is one line. Under 40 points (steps taken by hand) each is drawn as it is.</extracomment>
        <translation>各層梯度大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights and gradients</source>
        <translation>權重與梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stuck neurons</source>
        <translation>卡住的神經元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How big one weight&apos;s gradient is, on average, in each layer. Try sigmoid with several hidden layers: the layers near the input get far smaller gradients.</source>
        <translation>每一層中單一權重的梯度平均有多大。試試 sigmoid 搭配多個隱藏層：靠近輸入的層，梯度小得多。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where training took each layer&apos;s weights, and the last gradients.</source>
        <translation>訓練把每一層的權重帶到哪裡，以及上一步的梯度。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Neurons that no longer learn: saturated (sigmoid, tanh) or dead (ReLU). Try a large learning rate and watch them appear.</source>
        <translation>不再學習的神經元：飽和（sigmoid、tanh）或死亡（ReLU）。試試很大的學習率，看它們出現。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No steps yet. Take a step or press Play to see each layer&apos;s gradient size.</source>
        <translation>還沒有走任何一步。走一步或按「播放」，就能看到每一層的梯度大小。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average |gradient| of one weight</source>
        <translation>單一權重的平均 |梯度|</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The average size of one weight&apos;s gradient in each layer (log scale). An average, not a sum: a big layer does not look strong just for having many weights. With sigmoid, the gradient fades towards the input: the first layers learn slowest.</source>
        <translation>每一層中單一權重梯度的平均大小（對數刻度）。是平均而不是總和：大的層不會只因權重多就顯得很強。使用 sigmoid 時，梯度越靠近輸入越弱：最前面的層學得最慢。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The histograms appear after the first computation.</source>
        <translation>第一次計算完成後就會顯示直方圖。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which weight layer&apos;s histograms to show.</source>
        <translation>要顯示哪一個權重層的直方圖。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weight</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>number of weights</source>
        <translation>權重數量</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>gradient of the loss for a weight</source>
        <translation>損失對權重的梯度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at initialisation</source>
        <translation>初始時</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left: the layer&apos;s weights now (blue) and when training started (dashed). Right: the gradients of the last step, on their own scale.</source>
        <translation>左：這一層現在的權重（藍色）和開始訓練時的權重（虛線）。右：上一步的梯度，使用各自的刻度。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The counts appear after the first computation.</source>
        <translation>第一次計算完成後就會顯示數量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share of the layer&apos;s neurons (%)</source>
        <translation>占該層神經元的比例（%）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>saturated</source>
        <translation>飽和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning</source>
        <translation>學習中</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>weight layer %1</source>
        <translation>權重層 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weight layer %1 (%2→%3)</source>
        <translation>權重層 %1（%2→%3）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>hidden layer %1</source>
        <translation>隱藏層 %1</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>No gradient yet: take a step.</source>
        <translation>還沒有梯度：先走一步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last step&apos;s gradients</source>
        <translation>上一步的梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights: now and at the start</source>
        <translation>權重：現在與開始時</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 of %2 saturated, %3 dead</source>
        <translation>%2 個中 %1 個飽和、%3 個死亡</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This network has no hidden layer: no neuron can get stuck.</source>
        <translation>這個網路沒有隱藏層：不會有神經元卡住。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saturated: a %1 neuron whose output stays below %2 or above %3 on at least %4 of a fixed sample of examples. Its slope there is almost 0, so almost no gradient passes through it and it hardly learns. A %1 neuron is never dead.</source>
        <translation>飽和：在一組固定樣本中，至少 %4 的樣本讓這個 %1 神經元的輸出低於 %2 或高於 %3。那裡的斜率幾乎為 0，幾乎沒有梯度能通過，所以它幾乎學不到東西。%1 神經元不會死亡。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dead: a ReLU neuron whose weighted sum is 0 or less on every example of a fixed sample. It always outputs 0, no gradient reaches its weights, and it has stopped learning. A ReLU neuron never saturates: it has no upper limit.</source>
        <translation>死亡：在一組固定樣本的每個樣本上，加權總和都小於或等於 0 的 ReLU 神經元。它的輸出永遠是 0，梯度傳不到它的權重，已經停止學習。ReLU 神經元不會飽和：它沒有上限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saturated or dead neurons pass almost no gradient: they stop learning.</source>
        <translation>飽和或死亡的神經元幾乎不傳遞梯度：它們會停止學習。</translation>
    </message>
</context>
<context>
    <name>LessonMaker</name>
    <message>
        <location filename="../../ui/lesson_author.py" line="+226"/>
        <source>Lesson not changed</source>
        <extracomment>The draft&apos;s own file name in its folder (never shown: the teacher saves elsewhere). A saved lesson&apos;s model files are named after it: at most this much of its name. Names tried for one stop&apos;s model file (``free_model_name``): a folder holding this many other files of that name is not one a lesson should be saved into. How long a save waits for another one into the same folder: a lesson of 100 stops copies 100 model files of ~100 KB, well under a second. The lock&apos;s file, beside the lessons while a save runs (removed after it).</extracomment>
        <translation>課程沒有變更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lesson you are making has stops that are not saved. Save it first (File → Save lesson…), or close the lesson that is open.</source>
        <translation>你正在製作的課程有尚未儲存的站點。請先儲存（檔案 → 儲存課程…），或關閉目前開啟的課程。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>My lesson</source>
        <translation>我的課程</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+44"/>
        <source>Stop not added</source>
        <translation>沒有加入站點</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The network has no such weight or neuron: %1</source>
        <translation>網路沒有這個權重或神經元：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stop %1 added; File → Save lesson… writes the lesson</source>
        <translation>已加入第 %1 站；檔案 → 儲存課程… 會寫入課程檔</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+21"/>
        <source>Lesson not saved</source>
        <translation>課程沒有儲存</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Save the lesson</source>
        <translation>儲存課程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lessons (*.toml)</source>
        <translation>課程 (*.toml)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Lesson saved to %1</source>
        <translation>課程已儲存到 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replace the lesson?</source>
        <translation>要取代這個課程嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists. Replace it with this lesson?</source>
        <translation>%1 已經存在。要用這個課程取代它嗎？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the lesson?</source>
        <translation>要儲存課程嗎？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lesson you are making (%1 stops) has stops that are not saved. Save it before closing?</source>
        <translation>你正在製作的課程（共 %1 站）有還沒儲存的站點。要在關閉前儲存嗎？</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The lesson has no stops yet: add one with “Add this as a stop”.</source>
        <translation>課程還沒有任何站點：請用「把這裡加為一站」加入。</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../../ui/lesson_panel.py" line="+181"/>
        <source>Previous</source>
        <extracomment>Seconds per sub-step during auto-play: the slowest a teacher talks over, the fastest a class still follows. Rows of the nudges table shown without scrolling; a larger batch scrolls. Every text was set again in the current language. Whether the table is always on screen with the error (the stage&apos;s step-through): the explanation then leaves the first example&apos;s wanted nudges to the table. Where a step starts (0: &quot;forward 1&quot;); a lesson&apos;s stop may open further on.</extracomment>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back one sub-step (←)</source>
        <translation>退回一個小步驟（←）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On one sub-step (→); on the last one the step is taken for real</source>
        <translation>前進一個小步驟（→）；在最後一個小步驟會真的走這一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-play</source>
        <translation>自動播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Walk through the sub-steps by itself, at the pace set on the right</source>
        <translation>依右邊設定的速度，自動走過每個小步驟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pace:</source>
        <translation>間隔：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s per sub-step</source>
        <translation> 秒／小步驟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long auto-play stays on each sub-step</source>
        <translation>自動播放時每個小步驟停留多久</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave step-through</source>
        <translation>離開逐步解說</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to normal training; this step is not taken</source>
        <translation>回到一般訓練；這一步不會執行</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Step-through</source>
        <translation>逐步解說</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planning the next step: the lesson starts as soon as it is ready.</source>
        <translation>正在規劃下一步：準備好就開始講解。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sub-step %1 of %2</source>
        <translation>小步驟 %1／%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Taking the step for real…</source>
        <translation>正在真的走這一步…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Forward: layer %1 of %2</source>
        <translation>前向傳播：第 %1／%2 層</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error</source>
        <translation>誤差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backward: weight layer %1</source>
        <translation>反向傳播：權重層 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Layer %1 fills in. Each neuron adds up what comes in, each input times its weight, adds its bias (z = Σ w·a + b) and passes the sum through its activation: a = f(z). Hover a neuron for its numbers.</source>
        <translation>第 %1 層填上數值。每個神經元把每個輸入乘上權重後加總，再加上偏差（z = Σ w·a + b），然後把總和送進啟動函數：a = f(z)。滑鼠移到神經元上可看它的數值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The output layer fills in: the network reads this example as a %1; it is a %2.</source>
        <translation>輸出層填上數值：網路把這個樣本讀成 %1；它其實是 %2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All %1 examples of the batch go through the same way; the graph shows the first.</source>
        <translation>批次中的 %1 個樣本都以相同方式通過網路；圖中顯示第一個。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Each of the %1 examples wants its own digit up and the others down; the table lists them all. The update will use their average (the bold row).</source>
        <translation>%1 個樣本各自希望自己的數字升高、其他的降低；表格列出全部。更新時會使用它們的平均（粗體那一列）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The error flows back through weight layer %1. Its edges now show their gradient dC/dw: how much the loss grows as each weight grows. The neurons of layer %2 get their nudges dC/da, gathered from every neuron they feed.</source>
        <translation>誤差往回流過權重層 %1。它的連線現在顯示梯度 dC/dw：每個權重變大時，損失增加多少。第 %2 層的神經元得到各自的推力 dC/da，由它們連到的每個神經元匯集而來。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The error reaches the first weight layer: its edges show their gradient dC/dw. The input pixels get no nudge: they are the data, which training does not change.</source>
        <translation>誤差到達第一個權重層：它的連線顯示梯度 dC/dw。輸入像素沒有推力：它們是資料，訓練不會改變它們。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every gradient is the average over the %1 examples.</source>
        <translation>每個梯度都是這 %1 個樣本的平均。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The five-step panel shows it for the selected weights. Next (→) takes this step for real.</source>
        <translation>五步驟面板會顯示選定權重的這一步。按「下一步」（→）就真的走這一步。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The first example is a %1: it wants output %1 up and the others down.</source>
        <translation>第一個樣本是 %1：它希望輸出 %1 升高、其他的降低。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This example is a %1: it wants output %1 up and the others down.</source>
        <translation>這個樣本是 %1：它希望輸出 %1 升高、其他的降低。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With cross-entropy only output %1 is pushed directly, up by %2 (= 1/a); the softmax pulls the others down as it rises.</source>
        <translation>使用交叉熵時，只有輸出 %1 被直接推高 %2（= 1/a）；它升高時，softmax 會把其他輸出拉低。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wanted nudges, 2(y − a): output %1 up by %2; the others down by %3.</source>
        <translation>期望的推力 2(y − a)：輸出 %1 升高 %2；其他的降低 %3。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every weight moves by η × (−gradient), η = %1, plus a share of its previous move (momentum).</source>
        <translation>每個權重移動 η × (−梯度)，η = %1，再加上前一次移動的一部分（動量）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every weight moves by η × (−gradient), η = %1, with Adam scaling each weight&apos;s step by the history of its own gradients.</source>
        <translation>每個權重移動 η × (−梯度)，η = %1，Adam 會依每個權重自己的梯度歷史調整它的步伐。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every weight moves by η × (−average gradient), η = %1: the average over the %2 examples, as the bold row averages their wanted changes.</source>
        <translation>每個權重移動 η × (−平均梯度)，η = %1：這是 %2 個樣本的平均，就像粗體那一列平均了它們期望的改變。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every weight moves by η × (−gradient), η = %1: downhill, further where the gradient is larger.</source>
        <translation>每個權重移動 η × (−梯度)，η = %1：往下坡走，梯度越大走得越遠。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#%1: a %2</source>
        <translation>#%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training example %1</source>
        <translation>訓練樣本 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The batch&apos;s average wanted change: what the update uses</source>
        <translation>批次的平均期望改變：更新時使用的值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Δ bias</source>
        <translation>Δ 偏差</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much each output bias really moves: η × (−gradient), the wanted changes pushed through each neuron&apos;s slope and averaged</source>
        <translation>每個輸出偏差實際移動多少：η × (−梯度)，即期望的改變乘上各神經元的斜率後取平均</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wanted change of each output neuron, −dC/da: blue up, orange down.</source>
        <translation>每個輸出神經元期望的改變 −dC/da：藍色升高，橘色降低。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bold row is their average.</source>
        <translation>粗體那一列是它們的平均。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last row: how much each output bias moves now.</source>
        <translation>最後一列：每個輸出偏差這一步移動多少。</translation>
    </message>
</context>
<context>
    <name>LessonPlayer</name>
    <message>
        <location filename="../../ui/answer_text.py" line="+21"/>
        <source>up</source>
        <extracomment>The words of the choices (``SIGNS``, ``REGIMES``), for the translations.</extracomment>
        <translation>上升</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zero</source>
        <translation>不變</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crawls</source>
        <translation>慢慢爬</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>converges</source>
        <translation>收斂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zig-zags</source>
        <translation>來回震盪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diverges</source>
        <translation>發散</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>digit</source>
        <extracomment>How each number behind an answer is named beside it: symbols where the lessons use them (the same in both languages), words where they do not (translated).</extracomment>
        <translation>數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cost left</source>
        <translation>剩下的損失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>turning back</source>
        <translation>折返</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps walked</source>
        <translation>走了幾步</translation>
    </message>
    <message>
        <location filename="../../ui/lesson_player.py" line="+146"/>
        <source>Close lesson</source>
        <extracomment>The smallest text a class must read from the back of the room (the classroom issue&apos;s). The scene whose picture is tall and whose own panel already shows a step&apos;s numbers: there an answer shown folds the strip to its question-and-answer line (Details unfolds it). At 1280×720 in presenter mode the whole strip (caption, question, answer, numbers; 286 px) left the step-through&apos;s graph 35 % of the screen; folded, 55 % or more in both languages (tests/test_stage_on_screen.py walks every stop). The lesson was closed (the stage&apos;s keys go back to its scenes). The worker has reached the stop&apos;s state (``arrived``), and left it since (``departed``: the teacher explored; &quot;Back to stop N&quot; brings it back). The stop&apos;s hidden and locked controls, on the stage and on the desktop.</extracomment>
        <translation>結束課程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the caption, the question and the numbers behind the answer</source>
        <translation>顯示說明文字、問題和答案背後的數字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bring this stop back exactly as it was: weights, settings, scene (B)</source>
        <translation>讓這一站完全回到原來的樣子：權重、設定、場景（B）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the lesson; the clicker changes scenes again</source>
        <translation>結束課程；簡報器的按鍵回到切換場景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal</source>
        <translation>揭曉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute the answer now and show it beside the class&apos;s guess</source>
        <translation>現在算出答案，並和全班的猜測並排顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip</source>
        <translation>略過</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the answer without a guess</source>
        <translation>不猜，直接顯示答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the class&apos;s guess</source>
        <translation>全班的猜測</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the class&apos;s numbers, e.g. 0.01, 0.02</source>
        <translation>輸入全班說的數字，例如 0.01, 0.02</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The class&apos;s answer</source>
        <translation>全班的答案</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Stop not shown</source>
        <translation>無法顯示這一站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop %1 cannot be set up, so the lesson stays where it was.

%2</source>
        <translation>第 %1 站無法設定，課程停留在原來的位置。

%2</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Back to stop %1 (B)</source>
        <translation>回到第 %1 站（B）</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>Answer: %1</source>
        <translation>答案：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>guess %1: %2</source>
        <translation>全班猜 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/answer_text.py" line="+48"/>
        <source>%1 weights and biases (weights %2, biases %3)</source>
        <extracomment>The scenes whose picture holds the five numbers (value, gradient, η, change, new value). The why keys of those five numbers. At most this many numbers of one kind are shown (one per example of a batch of ten).</extracomment>
        <translation>共 %1 個權重和偏差（權重 %2，偏差 %3）</translation>
    </message>
    <message>
        <location filename="../../ui/lesson_player.py" line="-74"/>
        <location line="+71"/>
        <source>(no guess)</source>
        <translation>（沒有猜）</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>stop %1 of %2</source>
        <translation>第 %1／%2 站</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>right</source>
        <translation>答對了</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not quite</source>
        <translation>差一點</translation>
    </message>
</context>
<context>
    <name>LookInside</name>
    <message>
        <location filename="../../ui/look_inside.py" line="+332"/>
        <source>validation set</source>
        <extracomment>The views made so far, by name (each is made the first time it is asked for). The window&apos;s &quot;I don&apos;t know&quot; threshold (``stage_context.SharedThreshold``), if shared. The last training data shared, for a data view made after it came. The class&apos;s drawings (K, 28, 28) and labels (K,), from the last data shared. Each background job&apos;s kind, and how its result and its error are shown. A new look-inside view adds its route here (and its refresh rule in ``refresh``).</extracomment>
        <translation>驗證集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test folder: %1</source>
        <translation>測試資料夾：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>test folder %1 (%2 images)</source>
        <translation>測試資料夾 %1（%2 張圖片）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>validation set (%1 images)</source>
        <translation>驗證集（%1 張圖片）</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Training goes on from the edited weights.</source>
        <translation>訓練從修改後的權重繼續。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Training resumed from the unedited weights; the lab closed.</source>
        <translation>訓練已從未修改的權重繼續；實驗室已關閉。</translation>
    </message>
</context>
<context>
    <name>LossPlotView</name>
    <message>
        <location filename="../../ui/loss_plot.py" line="+342"/>
        <source>training loss, each step</source>
        <extracomment>The step axis spans at least this many steps, from 0: after one single-example step it ran −40…40 (a one-point range, widened by pyqtgraph), after two its ticks read 0.5, 1.5. The loss curve marks each step with a dot while there are this few: one point is no line. Axis ends snap up to the next of these times a power of ten. The range then changes a few times in a run instead of on every update, and pyqtgraph regenerates the axes&apos; ticks, labels and the grid only then: with the range following every update they were half of each paint (5 of 11 ms measured). The row of a ``pg.PlotItem``&apos;s grid under its bottom axis (0 title, 1 top axis, 2 the view, 3 the bottom axis).</extracomment>
        <translation>訓練損失（每一步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss, smoothed</source>
        <translation>訓練損失（平滑後）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss, each epoch</source>
        <translation>驗證損失（每個訓練週期）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss (lower is better)</source>
        <translation>損失（越低越好）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>accuracy %</source>
        <translation>準確率 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Play or Step: the loss appears here</source>
        <translation>按「播放」或「走一步」，損失就會出現在這裡</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/status_line.py" line="+17"/>
        <source>bundled MNIST 5k</source>
        <extracomment>Names of the datasets ``app.data`` makes, translated where they are shown (under the context &quot;MainWindow&quot;, where they always were: the data explorer translates them so too).</extracomment>
        <translation>內建 MNIST 5k</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+254"/>
        <source>Backprop Lab · 反向傳播實驗室</source>
        <extracomment>While training runs flat out, the weights move imperceptibly between frames; redrawing all 12,960 edges (~30 ms a frame, measured) at 10 Hz keeps the window responsive. Paused or stepping, every snapshot is drawn at once. The loss curve is a trend: a few updates a second read the same and cost far less. After a frame that took t, wait at least t × this before the next one, so the GUI thread is idle at least half the time and input (drawing, keys) is never queued behind frames.</extracomment>
        <translation>反向傳播實驗室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss landscape</source>
        <translation>損失地形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step through</source>
        <translation>逐步解說</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neuron lab</source>
        <translation>神經元實驗室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer health</source>
        <translation>各層健康</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluation</source>
        <translation>評估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points map</source>
        <translation>點分布圖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training data</source>
        <translation>訓練資料</translation>
    </message>
    <message>
        <location line="+63"/>
        <location filename="../../ui/scenes.py" line="-100"/>
        <source>Added your drawing as a %1 to the training data.</source>
        <translation>已把你寫的字當作「%1」加入訓練資料。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Showing an example whose true digit is %1.</source>
        <translation>正在顯示一個真實數字為 %1 的樣本。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Session saved automatically</source>
        <translation>已自動儲存工作階段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Opened %1</source>
        <translation>已開啟 %1</translation>
    </message>
    <message>
        <location filename="../../ui/confirmations.py" line="+20"/>
        <source> (step %1)</source>
        <translation>（第 %1 步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start again from random weights?</source>
        <translation>要從隨機權重重新開始嗎？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network forgets what it has learned%1 and starts from random weights, as an untrained network. Training → Undo reset brings it back.</source>
        <translation>網路會忘記目前學到的東西%1，從隨機權重重新開始，就像沒訓練過的網路。「訓練 → 復原重設」可以把它找回來。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+21"/>
        <source>Change the network?</source>
        <translation>要更換網路嗎？</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The network becomes %1 with %2 weights and biases. This starts again from random weights. Continue?</source>
        <translation>網路會變成 %1，共有 %2 個權重和偏差。這會從隨機權重重新開始。要繼續嗎？</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The network becomes %1 with %2 weights and biases. A pretrained model ships for it: start from its weights, which already read digits, or from random weights, to watch it learn?</source>
        <translation>網路將變成 %1，共有 %2 個權重和偏差。這個網路附有預先訓練的模型：要從它的權重開始（已經會辨認數字），還是從隨機權重開始（看著它學習）？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pretrained weights</source>
        <translation>預先訓練的權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random weights</source>
        <translation>隨機權重</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../ui/message_banner.py" line="+41"/>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this message</source>
        <translation>隱藏這則訊息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back to the weights from before the loss exploded; training stays paused. Then try a smaller learning rate.</source>
        <translation>回到損失爆炸之前的權重，訓練保持暫停。接著試試較小的學習率。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restore the weights from step %1</source>
        <translation>還原第 %1 步的權重</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the weights exploded at step %1 (the largest reached %2; a healthy network keeps them below %3).</source>
        <translation>權重在第 %1 步爆炸了（最大的達到 %2；健康的網路會讓權重保持在 %3 以下）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the loss exploded at step %1 (the numbers overflowed).</source>
        <translation>損失在第 %1 步爆炸了（數值溢位）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the loss exploded at step %1 (from %2 to %3 on a fixed sample).</source>
        <translation>損失在第 %1 步爆炸了（在固定樣本上從 %2 升到 %3）。</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+13"/>
        <source>The learning rate is too large: %1 Training paused. Lower the learning rate, or restore the weights from before it happened.</source>
        <translation>學習率太大：%1訓練已暫停。請調低學習率，或還原爆炸之前的權重。</translation>
    </message>
</context>
<context>
    <name>NetworkGraphView</name>
    <message>
        <location filename="../../ui/graph/view.py" line="+127"/>
        <location line="+279"/>
        <source>Waiting for the network…</source>
        <translation>正在等待網路…</translation>
    </message>
    <message>
        <location filename="../../ui/graph/toolbar.py" line="+89"/>
        <source>Edges show:</source>
        <translation>連線顯示：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradients (last step)</source>
        <translation>梯度（上一步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change (last step)</source>
        <translation>改變量（上一步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the gradients, then press Step: the edges that change most light up</source>
        <translation>顯示梯度後按「走一步」：變化最大的連線會亮起來</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Strongest:</source>
        <translation>只看最強的：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only this share of edges, the largest ones. Try 10 %: the few weights that matter most stand out</source>
        <translation>只顯示這個比例的連線（最大的那些）。試試 10 %：最重要的少數權重會凸顯出來</translation>
    </message>
    <message>
        <location filename="../../ui/graph/texts.py" line="+77"/>
        <source>28 × 28 pixels</source>
        <extracomment>Scene texts shrink to fit a small graph (see SceneTexts.fit), never below this size. Over every mark, so a title or a digit is never hidden; the note over everything.</extracomment>
        <translation>28 × 28 像素</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input {n}</source>
        <translation>輸入層 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output {n}</source>
        <translation>輸出層 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden {n}</source>
        <translation>隱藏層 {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… {n} more</source>
        <translation>… 還有 {n} 個</translation>
    </message>
    <message>
        <location filename="../../ui/graph/view.py" line="+3"/>
        <source>No training step yet.
The gradients appear after the first step.</source>
        <translation>還沒有訓練任何一步。
走完第一步就會顯示梯度。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No training step yet.
The changes appear after the first step.</source>
        <translation>還沒有訓練任何一步。
走完第一步就會顯示改變量。</translation>
    </message>
    <message>
        <location filename="../../ui/graph/toolbar.py" line="+28"/>
        <source>weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient of the last step</source>
        <translation>上一步的梯度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>change of the last step</source>
        <translation>上一步的改變量</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+21"/>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>negative</source>
        <translation>負</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>input fan: strongest {p} % while training</source>
        <translation>訓練中，輸入層只畫最強的 {p} % 連線</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edges show the {what}; stronger = darker</source>
        <translation>連線顯示{what}；越強顏色越深</translation>
    </message>
    <message>
        <location filename="../../ui/graph/lesson_overlay.py" line="+54"/>
        <source>Step-through: the graph shows the first of the batch&apos;s {b} examples, a {d}</source>
        <extracomment>Over the nodes, under every other mark.</extracomment>
        <translation>逐步解說：圖中顯示批次 {b} 個樣本中的第一個，是 {d}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step-through: training example {i}, a {d}</source>
        <translation>逐步解說：訓練樣本 {i}，是 {d}</translation>
    </message>
    <message>
        <location filename="../../ui/graph/toolbar.py" line="+11"/>
        <source>bright edges: gradient dC/dw, faint: weights</source>
        <translation>亮的連線：梯度 dC/dw，淡的：權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ring: wanted change −dC/da (blue up, orange down)</source>
        <translation>圓圈：期望的改變 −dC/da（藍升、橘降）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A ring is the change the loss wants of a neuron, −dC/da (dC/da is how much the loss grows as the neuron grows): a blue ring wants it higher, an orange ring lower; a thicker ring, more. Empty neurons are not computed yet.</source>
        <translation>圓圈是損失希望神經元做的改變 −dC/da（dC/da 是神經元變大時損失增加多少）：藍色圓圈希望它變高，橘色圓圈希望它變低；圓圈越粗，希望越強。空心的神經元還沒計算。</translation>
    </message>
    <message>
        <location filename="../../ui/graph/hover_text.py" line="+27"/>
        <source>Input</source>
        <translation>輸入層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output</source>
        <translation>輸出層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden layer</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layer {n}</source>
        <translation>隱藏層 {n}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Input pixel {i} (row {r}, column {c})</source>
        <translation>輸入像素 {i}（列 {r}，行 {c}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Output: digit {d}</source>
        <translation>輸出：數字 {d}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{layer} · neuron {i}</source>
        <translation>{layer} · 神經元 {i}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>no input to show</source>
        <translation>沒有可顯示的輸入</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+103"/>
        <source>value a = {v}</source>
        <translation>值 a = {v}</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>weighted sum z = {v}</source>
        <translation>加權總和 z = {v}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+87"/>
        <source>bias b = {v}</source>
        <translation>偏差 b = {v}</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>What it looks for: blue +, orange −</source>
        <translation>它在找什麼：藍色 +，橘色 −</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+93"/>
        <source>weight {v}</source>
        <translation>權重 {v}</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>no step yet</source>
        <translation>還沒有走任何一步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last gradient {v}</source>
        <translation>上一步的梯度 {v}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>last change {v}</source>
        <translation>上一步的改變量 {v}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>click to choose</source>
        <translation>點一下來選取</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>for the batch&apos;s first example</source>
        <translation>批次中第一個樣本的數值</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>weighted sum z = Σ w·a + b = {v}</source>
        <translation>加權總和 z = Σ w·a + b = {v}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not computed yet: press Next</source>
        <translation>還沒計算：請按「下一步」</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>nudge dC/da = {v}</source>
        <translation>推力 dC/da = {v}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the loss falls if it grows: it should go up</source>
        <translation>它變大時損失會下降：它應該升高</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the loss grows if it grows: it should go down</source>
        <translation>它變大時損失會增加：它應該降低</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>target y = {v}</source>
        <translation>目標 y = {v}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>new bias = {v}</source>
        <translation>新的偏差 = {v}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>gradient dC/dw = {v}</source>
        <translation>梯度 dC/dw = {v}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>gradient: not known yet</source>
        <translation>梯度：還不知道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>change {v}</source>
        <translation>改變量 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new weight {v}</source>
        <translation>新的權重 {v}</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>pixel ({r}, {c})</source>
        <translation>像素 ({r}, {c})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>digit {d}</source>
        <translation>數字 {d}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{layer} #{i}</source>
        <translation>{layer} #{i}</translation>
    </message>
</context>
<context>
    <name>NeuronLabView</name>
    <message>
        <location filename="../../ui/neuron_lab_view.py" line="+233"/>
        <source>The neuron lab works on a copy of the network: training is untouched unless you choose to keep the edits.</source>
        <extracomment>Validation sets up to this size are evaluated on the spot; 0: always in the background.</extracomment>
        <translation>神經元實驗室在網路的副本上操作：除非你選擇保留修改，否則不會影響訓練。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One hidden neuron</source>
        <translation>單一隱藏層神經元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden layer</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neuron</source>
        <translation>神經元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a hidden neuron in the graph, or choose it here. Hover a neuron of the first hidden layer in the graph to see the picture it looks for.</source>
        <translation>在網路圖中點選一個隱藏層神經元，或在這裡選擇。滑鼠移到網路圖中第一個隱藏層的神經元上，可看到它在找的圖案。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Switch off</source>
        <translation>關閉神經元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its outgoing weights become 0: the next layer no longer hears it. Switch off the neuron whose picture looks like a loop: which digits get worse? Draw a 0, 6, 8 or 9 on the pad and watch.</source>
        <translation>它的輸出權重變成 0：下一層再也聽不到它。關閉圖案像圓圈的神經元：哪些數字變差了？在手寫板上寫 0、6、8 或 9 看看。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scale incoming ×</source>
        <translation>輸入權重 ×</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply the weights into this neuron. ×2 makes it react twice as strongly to what it looks for; ×0 makes it deaf to the image. Does the answer on the pad change?</source>
        <translation>把連進這個神經元的權重乘上一個數。×2 讓它對要找的圖案反應加倍；×0 讓它對圖片充耳不聞。手寫板上的答案會改變嗎？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shift bias by</source>
        <translation>偏差加上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this to the neuron&apos;s bias. A large negative shift keeps it nearly always off, a large positive one nearly always on: which is worse for the accuracy?</source>
        <translation>在神經元的偏差加上這個值。很大的負值讓它幾乎總是關閉，很大的正值讓它幾乎總是開啟：哪一種對準確率傷害更大？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The whole network</source>
        <translation>整個網路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prune smallest</source>
        <translation>剪枝最小的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>% of all weights</source>
        <translation>% 權重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the smallest weights of every layer to 0. How many can go before the accuracy drops? Try 50 %, then 80 %, then 95 %.</source>
        <translation>把每一層最小的權重設為 0。剪掉多少以後準確率才會下降？試試 50 %，再試 80 %，然後 95 %。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edits, oldest first</source>
        <translation>修改紀錄（由舊到新）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No edits yet: choose a neuron and switch it off, or prune the network.</source>
        <translation>還沒有修改：選一個神經元把它關閉，或對網路剪枝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo last</source>
        <translation>復原上一項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back the newest edit</source>
        <translation>取消最新的一項修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore all</source>
        <translation>全部還原</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take back every edit: the weights are exactly the ones from before</source>
        <translation>取消所有修改：權重完全回到原本的樣子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave lab</source>
        <translation>離開實驗室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the lab; the graph and the pad show the training weights again</source>
        <translation>關閉實驗室；網路圖和手寫板會再次使用訓練中的權重</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click again to train on with the edits</source>
        <translation>再按一次，用修改後的權重繼續訓練</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep edits in training…</source>
        <translation>把修改帶進訓練…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training goes on from the edited weights instead of the ones from before the lab (asks for a second click)</source>
        <translation>訓練從修改後的權重繼續，而不是進實驗室前的權重（需要再按一次確認）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The lab opens on the network as it is now.</source>
        <translation>實驗室會以目前的網路開啟。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This network has no hidden layer: only pruning works here.</source>
        <translation>這個網路沒有隱藏層：這裡只能剪枝。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That is input pixel %1: the lab changes hidden neurons only. Click a neuron of a hidden layer.</source>
        <translation>那是輸入像素 %1：實驗室只能修改隱藏層神經元。請點選隱藏層中的神經元。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That is the output neuron of digit %1: the lab changes hidden neurons only. Click a neuron of a hidden layer.</source>
        <translation>那是數字 %1 的輸出神經元：實驗室只能修改隱藏層神經元。請點選隱藏層中的神經元。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chosen: hidden layer %1, neuron %2</source>
        <translation>已選取：隱藏層 %1，神經元 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>validation accuracy: open the lab</source>
        <translation>驗證準確率：請開啟實驗室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation accuracy: no validation data</source>
        <translation>驗證準確率：沒有驗證資料</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>measuring…</source>
        <translation>評估中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accuracy before: %1 → now: %2</source>
        <translation>修改前準確率：%1 → 現在：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>pruned the smallest %1 % of all weights (%2 set to 0)</source>
        <translation>剪枝最小的 %1 % 權重（%2 個設為 0）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hidden layer %1, neuron %2</source>
        <translation>隱藏層 %1，神經元 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>switched off</source>
        <translation>已關閉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>incoming weights × %1</source>
        <translation>輸入權重 × %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bias shifted by %1</source>
        <translation>偏差加上 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>PointsMapView</name>
    <message>
        <location filename="../../ui/points_map_view.py" line="+181"/>
        <source>Layer</source>
        <extracomment>One colour per digit 0..9: the eight of Okabe &amp; Ito (2008), chosen to stay apart for the common colour-blindnesses, with their yellow darkened to show on white, then a grey and Tol&apos;s wine. No ten colours are safe for everyone; these keep the neighbours in a trained map (4/9, 3/5/8, 7/9) on clearly different hues. A dot counts as hovered within this many screen pixels of the cursor. The axes keep their range while the cloud stays inside it and fills at least this share of it along some axis; otherwise they are fitted again (see ``PointsMapView._fit_range``).</extracomment>
        <translation>層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which layer&apos;s view of the examples to draw. Switch between layers: the digits separate more in the deeper layers. Train and watch them pull apart.</source>
        <translation>要畫出哪一層眼中的樣本。切換不同的層：越深的層，數字分得越開。訓練時看它們逐漸分開。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The two directions of the plane are the layer&apos;s two directions of largest spread (PCA). The share says how much of the whole spread they keep: the rest is hidden, so digits that overlap here may still be apart.</source>
        <translation>平面的兩個方向是這一層分散最大的兩個方向（PCA）。比例表示它們保留了多少整體的分散程度：其餘部分看不到，所以在這裡重疊的數字實際上可能是分開的。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The map appears after the first computation: every example of a fixed sample as one dot, coloured by its digit.</source>
        <translation>第一次計算完成後就會顯示分布圖：固定樣本中的每個樣本畫成一個點，依數字上色。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>True digit:</source>
        <translation>真實數字：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each dot is one example, coloured by its true digit. Hover a dot to see it.</source>
        <translation>每個點是一個樣本，依真實數字上色。滑鼠移到點上就能看到它。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>input pixels (%1)</source>
        <translation>輸入像素（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>output (%1)</source>
        <translation>輸出層（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden layer %1 (%2)</source>
        <translation>隱藏層 %1（%2）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>direction %1 (%2 of the spread)</source>
        <translation>方向 %1（占分散程度的 %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This plane keeps %1 of the spread</source>
        <translation>這個平面保留了 %1 的分散程度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>right</source>
        <translation>答對</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>wrong</source>
        <translation>答錯</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>True digit: %1</source>
        <translation>真實數字：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network&apos;s answer: %1</source>
        <translation>網路的回答：%1</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <location filename="../../ui/prediction_view.py" line="+161"/>
        <source>Teach it: this is a</source>
        <translation>教它：這是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach it</source>
        <translation>教它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train the network on this drawing as the digit chosen below</source>
        <translation>把這個手寫字當作下面選的數字，拿來訓練網路</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a {0}</source>
        <translation>這是 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your drawing is a {0}: choose it, then press Teach it. Try teaching it a few of your own {0}s, then train an epoch and draw one again.</source>
        <translation>你寫的是 {0}：選它，再按「教它」。試著多教它幾個你自己寫的 {0}，接著訓練一個訓練週期，再寫一次看看。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the network reads</source>
        <translation>網路讀到的答案</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Nothing drawn</source>
        <translation>還沒有寫字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads {0} ({1})</source>
        <translation>讀成 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not sure: maybe a {0}</source>
        <translation>不太確定：也可能是 {0}</translation>
    </message>
    <message>
        <location line="+99"/>
        <location filename="../../ui/scenes.py" line="-278"/>
        <source>The network reads</source>
        <translation>網路讀成</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Draw a digit</source>
        <translation>寫一個數字</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>not sure: maybe a {0}</source>
        <translation>不太確定：也可能是 {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../ui/scenes.py" line="+22"/>
        <source>label: {0}</source>
        <translation>標籤：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What the network sees (28×28)</source>
        <translation>網路看到的（28×28）</translation>
    </message>
</context>
<context>
    <name>PresenterMode</name>
    <message>
        <location filename="../../ui/presenter.py" line="+197"/>
        <source>&amp;Presenter mode</source>
        <translation>簡報模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Large text, high contrast and full screen, for a projector. F5 again ends it.</source>
        <translation>大字、高對比、全螢幕，適合投影機。再按一次 F5 即可結束。</translation>
    </message>
</context>
<context>
    <name>SceneExportAction</name>
    <message>
        <location filename="../../ui/scene_export_action.py" line="+51"/>
        <source>Landscape: the lesson&apos;s model of two weights</source>
        <translation>損失地形：課堂範例的兩個權重模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+7"/>
        <location line="+5"/>
        <source>Export scene</source>
        <translation>匯出場景</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Scene:</source>
        <translation>場景：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Size in pixels:</source>
        <translation>大小（像素）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 圖片 (*.png);;SVG 向量圖 (*.svg)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Exporting the scene…</source>
        <translation>正在匯出場景…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1</source>
        <translation>已匯出 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the export stopped (code %1)</source>
        <translation>匯出中止（代碼 %1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scene was not exported: %1</source>
        <translation>場景沒有匯出：%1</translation>
    </message>
</context>
<context>
    <name>SessionKeeper</name>
    <message>
        <location filename="../../ui/session_keeper.py" line="+95"/>
        <source>Continue</source>
        <extracomment>How long a close waits in place for the worker&apos;s thread before it lets the window live on and closes when the thread ends (a long step of a big network; the wait keeps the common case, a thread that ends at once, a plain synchronous close). Files opened or saved by hand that File → Recent sessions lists, newest first.</extracomment>
        <translation>繼續</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the session as it was when the window last closed</source>
        <translation>開啟上次關閉視窗時的工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start fresh</source>
        <translation>重新開始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the new session; the last one stays under File → Recent sessions</source>
        <translation>使用新的工作階段；上一個仍保留在「檔案 → 最近的工作階段」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent sessions</source>
        <translation>最近的工作階段</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restore the last session?</source>
        <translation>要還原上次的工作階段嗎？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab did not close normally last time. Restore the session saved at %1 (weights, settings, history and the class&apos;s drawings)?</source>
        <translation>反向傳播實驗室上次沒有正常關閉。要還原 %1 儲存的工作階段嗎（權重、設定、歷程和全班寫的字）？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Continue where you left off? The session saved at %1: step %2, %3 drawings.</source>
        <translation>要從上次停下的地方繼續嗎？%1 儲存的工作階段：第 %2 步，%3 個手寫字。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Your data folder %1 cannot be written, so the session is saved in %2, which the system may empty when it restarts. Use File → Save session to keep the class&apos;s work.</source>
        <translation>無法寫入你的資料夾 %1，所以工作階段改存在 %2，系統重新開機時可能會清空它。請用「檔案 → 儲存工作階段」保存全班的成果。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Autosave is off: neither your data folder %1 nor a temporary folder can be written. Use File → Save session to keep the class&apos;s work.</source>
        <translation>自動儲存已關閉：你的資料夾 %1 和暫存資料夾都無法寫入。請用「檔案 → 儲存工作階段」保存全班的成果。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not enough free space to autosave in %1 (%2 MB free). Free some space, or use File → Save session to save somewhere else.</source>
        <translation>%1 的空間不足，無法自動儲存（剩 %2 MB）。請清出一些空間，或用「檔案 → 儲存工作階段」存到別處。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Autosave of %1</source>
        <translation>%1 的自動儲存</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No sessions yet</source>
        <translation>還沒有工作階段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backprop Lab model (*.npz)</source>
        <translation>反向傳播實驗室模型 (*.npz)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Finishing the step in progress, then saving and closing…</source>
        <translation>正在完成進行中的這一步，接著儲存並關閉…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The session was not saved</source>
        <translation>工作階段沒有儲存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The session could not be saved: %1

Save it somewhere else before closing?</source>
        <translation>無法儲存工作階段：%1

要在關閉前存到別處嗎？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save elsewhere…</source>
        <translation>存到別處…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close anyway</source>
        <translation>仍然關閉</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../ui/shortcut_sheet.py" line="+28"/>
        <source>Space</source>
        <extracomment>Room left around the sheet on a small screen (the title bar and the panel&apos;s edges).</extracomment>
        <translation>空白鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play or pause training</source>
        <translation>開始或暫停訓練</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One step (of the size chosen below)</source>
        <translation>走一步（大小依「每一步學習」的設定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps learn from one example</source>
        <translation>每一步從一個樣本學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps learn from one mini-batch</source>
        <translation>每一步從一個小批次學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps learn from one epoch</source>
        <translation>每一步從一個訓練週期學習</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss curve</source>
        <translation>顯示損失曲線</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss landscape</source>
        <translation>顯示損失地形</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step through one step: → next sub-step, ← back</source>
        <translation>逐步解說一步：→ 下一個小步驟，← 退回</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the neuron lab</source>
        <translation>開啟神經元實驗室</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the layer health</source>
        <translation>顯示各層健康</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alt+1 … Alt+4</source>
        <translation>Alt+1 … Alt+4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network, evaluation, points map, training data</source>
        <translation>網路、評估、點分布圖、訓練資料</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Esc or Delete</source>
        <translation>Esc 或刪除鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the drawing pad</source>
        <translation>清除畫板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke, or in the weight panel the last weight set</source>
        <translation>復原上一筆；在權重面板裡，復原上一次手動設定的權重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presenter mode: large text, high contrast, full screen</source>
        <translation>簡報模式：大字、高對比、全螢幕</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PageDown / PageUp</source>
        <translation>PageDown／PageUp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presenter mode: the next / previous scene; in a lesson the next / previous stop (a waiting question&apos;s answer first)</source>
        <translation>簡報模式：下一個／上一個場景；課程中則是下一站／上一站（有問題等著時先揭曉答案）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Return (in the guess)</source>
        <translation>Return（在猜測欄中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal the answer beside the class&apos;s guess</source>
        <translation>揭曉答案，和全班的猜測並列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In a lesson: bring the stop back exactly, after exploring</source>
        <translation>課程中：探索之後，把這一站原封不動地找回來</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add what is on screen as a lesson stop</source>
        <translation>把畫面上的狀態加成課程的一站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This sheet</source>
        <translation>這張說明表</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every lesson action works from the keyboard. F1 shows this sheet again.</source>
        <translation>上課的每個動作都能用鍵盤完成。按 F1 可再次顯示這張表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../../ui/scenes.py" line="+421"/>
        <source>Network</source>
        <extracomment>The classroom&apos;s scenes, in order (keys 1…9, 0: ``stage.scene_key``; PageDown/PageUp go through them).</extracomment>
        <translation>網路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw</source>
        <translation>手寫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Five numbers</source>
        <translation>五個數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step through</source>
        <translation>逐步解說</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss curve</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landscape</source>
        <translation>損失地形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points map</source>
        <translation>點分布圖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer health</source>
        <translation>各層健康</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>評估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training data</source>
        <translation>訓練資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neuron lab</source>
        <translation>神經元實驗室</translation>
    </message>
    <message>
        <location filename="../../ui/stage.py" line="-302"/>
        <source>PageDown and PageUp (or → and ←) go to the next and the previous scene.</source>
        <extracomment>The smallest text on the stage (``MIN_TEXT_PX``, from ``stage_context``), and its share of the stage&apos;s height. The bar&apos;s words shrink to this, no further, where they would not fit across. The pause between two scenes made ahead while the stage is idle: a click waits for at most one scene being made (≤ 160 ms), and eleven scenes are ready within ~3 s. An edge was clicked in the stage&apos;s graph (its flat index): the window selects it. The scene on screen changed (its name). The open guided lesson&apos;s strip under the scene (hidden while none is open).</extracomment>
        <translation>PageDown 和 PageUp（或 → 和 ←）切換到下一個、上一個場景。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key {0}. PageDown and PageUp (or → and ←) go to the next and the previous scene.</source>
        <translation>按鍵 {0}。PageDown 和 PageUp（或 → 和 ←）切換到下一個、上一個場景。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Play or pause training (Space)</source>
        <translation>播放或暫停訓練（空白鍵）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take one step (Return or S), as much as Step in the controls learns from</source>
        <translation>走一步（Enter 或 S），學習的份量和控制面板的「走一步」相同</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Reveal the answer (or skip the question) first.</source>
        <translation>請先揭曉答案（或略過這一題）。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../ui/status_line.py" line="+19"/>
        <source>Data: %1 (%2 training)</source>
        <translation>資料：%1（%2 筆訓練）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step %1 · epoch %2</source>
        <translation>第 %1 步 · 第 %2 個訓練週期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 steps/s</source>
        <translation>每秒 %1 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss %1</source>
        <translation>損失 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>end of epoch %1</source>
        <translation>第 %1 個訓練週期結束時</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>validation accuracy %1 (%2)</source>
        <translation>驗證準確率 %1（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Measured on the validation digits (never trained on) at the end of each epoch, and at the start. The Evaluation tab measures the weights of the step it names, so the two differ while training runs.</source>
        <translation>在驗證資料（從未用來訓練）上量測：每個訓練週期結束時量一次，開始時也量一次。「評估」分頁量的是它標示的那一步的權重，所以訓練進行中兩者會不同。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>pretrained model</source>
        <translation>預先訓練的模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opened session</source>
        <translation>開啟的工作階段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random weights</source>
        <translation>隨機權重</translation>
    </message>
</context>
<context>
    <name>StepScene</name>
    <message>
        <location filename="../../ui/step_scene.py" line="+235"/>
        <source>Shown: %1 of the %2 examples.</source>
        <extracomment>The nudges&apos; cells shrink to this where ten do not fit across at the stage&apos;s text size. The most of the scene&apos;s height the nudges table may take. A batch&apos;s table is ten rows and two more; all of them at the stage&apos;s 24 px made a 1280×720 window 1,871 px tall. With a lesson&apos;s caption above, 27 % still made it 722 px; 25 % fits; the examples that do not fit are left out (the first ones, their average and the bias row stay), and the caption says how many are shown. The sub-step&apos;s explanation shrinks to this where it would not fit beside the graph (the stage&apos;s legibility floor at 1280×720). A batch&apos;s &quot;error&quot; sub-step names all ten outputs&apos; wishes and the batch&apos;s average: at the stage&apos;s size it made the window 1,864 px tall.</extracomment>
        <translation>顯示 %2 個樣本中的 %1 個。</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <location filename="../../ui/lesson_author_dialog.py" line="+56"/>
        <source>Play / Pause</source>
        <extracomment>What each control a stop may hide or lock is called in the form (the file&apos;s names are in the tooltips).</extracomment>
        <translation>播放／暫停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What a step learns from</source>
        <translation>一步從多少資料學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>學習率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimizer</source>
        <translation>最佳化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiments (decay, schedule, augmentation)</source>
        <translation>實驗（權重衰減、學習率排程、資料擴增）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network layers</source>
        <translation>網路的層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach it</source>
        <translation>教它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawing pad</source>
        <translation>手寫板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choosing weights on the graph</source>
        <translation>在網路圖上選權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the graph&apos;s edges show</source>
        <translation>圖上連線顯示的內容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landscape: plane and settings</source>
        <translation>損失地形：平面與設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landscape: the valley&apos;s η</source>
        <translation>損失地形：山谷的 η</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stage&apos;s scene bar</source>
        <translation>舞台的場景列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no question</source>
        <extracomment>The kinds of question, as the form names them (&quot;&quot; is no question).</extracomment>
        <translation>不提問</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number</source>
        <translation>一個數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>which output neuron</source>
        <translation>哪一個輸出神經元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a sign (grow or shrink)</source>
        <translation>正負號（變大或變小）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>what a learning rate does</source>
        <translation>學習率會怎樣</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the network&apos;s next step</source>
        <extracomment>The control lists show at least this many rows (more where the screen is tall enough: all 16 made the form 777 px tall in 繁體中文 in presenter mode, past a 720 px projector). Left free above and below the form (the window manager&apos;s title bar). What a question is on, and the quantities a number question asks, as the form names them (the file&apos;s words in the tooltips).</extracomment>
        <translation>網路的下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the valley&apos;s w1, w2</source>
        <translation>山谷的 w1、w2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how many weights and biases</source>
        <translation>權重和偏差有幾個</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value w</source>
        <translation>目前的值 w</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient dC/dw</source>
        <translation>梯度 dC/dw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>negative gradient −dC/dw</source>
        <translation>負梯度 −dC/dw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change Δw</source>
        <translation>改變量 Δw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new value w + Δw</source>
        <translation>新的值 w + Δw</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Add this as a stop</source>
        <translation>把這裡加為一站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lesson title</source>
        <translation>課程標題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption</source>
        <translation>說明文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks for</source>
        <translation>問的是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scene</source>
        <translation>場景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the stage shows at this stop</source>
        <translation>這一站舞台上顯示的畫面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of the two may stay empty: the other shows</source>
        <translation>兩者之一可以留白：會顯示另一個</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on</source>
        <translation>對象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of</source>
        <translation>權重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The weights asked about (w3[2,5]; for a sign, one weight or a neuron a2[5])</source>
        <translation>問的是哪些權重（w3[2,5]；問正負號時，一個權重或一個神經元 a2[5]）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tolerance</source>
        <translation>容許誤差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>relative</source>
        <translation>相對誤差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden controls</source>
        <translation>隱藏的控制項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked controls</source>
        <translation>鎖定的控制項</translation>
    </message>
</context>
<context>
    <name>TourBubble</name>
    <message>
        <location filename="../../ui/guided_tour.py" line="-240"/>
        <source>Skip tour</source>
        <extracomment>The learning rate the tour suggests trying: the top of the controls&apos; slider. Room between a bubble and the part of the window it points at.</extracomment>
        <translation>略過導覽</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (Enter or →)</source>
        <translation>下一步（↵ 或 →）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the tour (Esc)</source>
        <translation>結束導覽（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter or →: next · Esc: skip the tour</source>
        <translation>↵ 或 →：下一步 · Esc：略過導覽</translation>
    </message>
</context>
<context>
    <name>WeightEditor</name>
    <message>
        <location filename="../../ui/weight_editor.py" line="+137"/>
        <source>Training paused: a weight is being set by hand.</source>
        <translation>訓練已暫停：正在手動設定權重。</translation>
    </message>
</context>
<context>
    <name>WeightPanel</name>
    <message>
        <location filename="../../ui/weight_panel.py" line="+136"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back the last weight set by hand (Ctrl+Z)</source>
        <translation>取消上一次手動設定的權重（Ctrl+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag to set this weight by hand; training pauses while you do.</source>
        <translation>拖曳以手動設定這個權重；拖曳時訓練會暫停。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a value for this weight and press Return.</source>
        <translation>輸入這個權重的值，然後按 Enter。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Δw</source>
        <translation>Δw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted Δloss (gradient × Δw)</source>
        <translation>預測的 Δ損失（梯度 × Δw）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>real Δloss (batch of %1)</source>
        <translation>實際的 Δ損失（%1 筆的小批次）</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/window_menus.py" line="+105"/>
        <source>Open a lesson</source>
        <translation>開啟課程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lessons (*.toml)</source>
        <translation>課程 (*.toml)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Lesson not opened</source>
        <translation>沒有開啟課程</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Lessons</source>
        <translation>課程(&amp;L)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a lesson file…</source>
        <translation>開啟課程檔…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add this as a lesson stop</source>
        <translation>把這裡加為課程的一站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save lesson…</source>
        <translation>儲存課程…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open session…</source>
        <translation>開啟工作階段(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save session…</source>
        <translation>儲存工作階段(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load MNIST &amp;folder…</source>
        <translation>載入 MNIST 資料夾(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Download full MNIST…</source>
        <translation>下載完整 MNIST(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate on an MNIST &amp;test folder…</source>
        <translation>在 MNIST 測試資料夾上評估(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export graph as PNG or SVG…</source>
        <translation>將網路圖匯出為 PNG 或 SVG(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;loss plot as PNG or SVG…</source>
        <translation>將損失曲線匯出為 PNG 或 SVG(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export a classroom &amp;scene for slides…</source>
        <translation>匯出課堂場景做投影片(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Training</source>
        <translation>訓練(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play / Pause (Space)</source>
        <translation>播放／暫停（空白鍵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step (→)</source>
        <translation>走一步（→）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset weights</source>
        <translation>重設權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo reset</source>
        <translation>復原重設</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>鍵盤快速鍵（F1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the tour again</source>
        <translation>再看一次導覽</translation>
    </message>
</context>
<context>
    <name>_DamagePanel</name>
    <message>
        <location filename="../../ui/evaluation/robustness.py" line="-259"/>
        <source>Noise: a grainy camera</source>
        <translation>雜訊：畫質粗糙的相機</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotation: a tilted digit</source>
        <translation>旋轉：歪斜的數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift: off-centre to the right</source>
        <translation>平移：往右偏離中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stroke width: thinner (−) or thicker (+) pen</source>
        <translation>筆畫粗細：較細（−）或較粗（+）的筆</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>noise σ</source>
        <translation>雜訊 σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>degrees</source>
        <translation>度</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>% right</source>
        <translation>答對率 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accuracy (% right) at each strength of the damage. Dotted: guessing (10 %). A curve that stays high: the network copes; one that drops: it was never shown digits like these.</source>
        <translation>各種破壞強度下的準確率（答對 %）。點線：隨便猜（10 %）。曲線維持在高處：網路應付得來；曲線下降：它從沒看過這樣的數字。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a strength of the damage: the picture shows one image damaged that much, the orange line marks it on the curve.</source>
        <translation>選擇破壞強度：圖片顯示一張受到這種程度破壞的圖片，橘線在曲線上標出它的位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One evaluation image, damaged as chosen below.</source>
        <translation>一張評估圖片，依下方的選擇加以破壞。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>σ %1</source>
        <translation>σ %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 % right</source>
        <translation>答對 %1 %</translation>
    </message>
</context>
</TS>
